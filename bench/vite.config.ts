import { svelte, vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The bench page: the app's own $lib modules (backup, intake, matching) bundled outside SvelteKit,
// driven by bench/run.mjs in headless Chromium. Runes modules (*.svelte.ts) need the Svelte plugin.
const root = fileURLToPath(new URL('./page', import.meta.url));
const lib = fileURLToPath(new URL('../src/lib', import.meta.url));
const out = process.env.PILOT_OUT ?? '.pilot-out/bench';

export default defineConfig({
	root,
	base: './',
	plugins: [svelte({ configFile: false, preprocess: vitePreprocess() })],
	resolve: { alias: { $lib: lib } },
	worker: { format: 'es' },
	build: {
		outDir: fileURLToPath(new URL(`../${out}/page`, import.meta.url)),
		emptyOutDir: true,
		target: 'es2022',
		minify: true,
		reportCompressedSize: false,
		chunkSizeWarningLimit: 4096
	},
	logLevel: 'warn'
});
