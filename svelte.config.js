import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// PILOT_OUT lets parallel builds (tests, bench) use their own folders.
const out = process.env.PILOT_OUT ?? '';

/**
 * Team sync (docs/sync.md): the CouchDB server may run on this machine (any port), behind the app's
 * own origin ('self'), or at the origins listed at build time in PILOT_SYNC_ORIGINS (space or comma
 * separated, e.g. "https://couchdb.example.fr").
 */
const syncOrigins = (process.env.PILOT_SYNC_ORIGINS ?? '')
	.split(/[\s,]+/)
	.filter(Boolean)
	.map((origin) => new URL(origin).origin);

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		outDir: out ? `${out}/.svelte-kit` : '.svelte-kit',
		adapter: adapter({
			pages: out ? `${out}/build` : 'build',
			assets: out ? `${out}/build` : 'build',
			fallback: '200.html',
			strict: true
		}),
		serviceWorker: { register: false },
		files: { serviceWorker: 'src/sw.ts' },
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'blob:', 'data:'],
				'font-src': ['self'],
				'connect-src': [
					'self',
					'http://localhost:*',
					'http://127.0.0.1:*',
					'https://localhost:*',
					'https://127.0.0.1:*',
					...syncOrigins
				],
				'worker-src': ['self', 'blob:'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
