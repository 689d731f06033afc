import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// PILOT_OUT lets parallel builds (tests, bench) use their own folders.
const out = process.env.PILOT_OUT ?? '';

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
				'connect-src': ['self'],
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
