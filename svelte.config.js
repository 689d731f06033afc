import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { cspDirectives } from './csp.config.js';

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
			directives: /** @type {import('@sveltejs/kit').CspDirectives} */ (cspDirectives)
		}
	}
};

export default config;
