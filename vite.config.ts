import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

const out = process.env.PILOT_OUT ?? '';
const kitOut = out ? `${out}/.svelte-kit` : '.svelte-kit';

export default defineConfig({
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			strategies: 'injectManifest',
			srcDir: 'src',
			filename: 'sw.ts',
			registerType: 'prompt',
			injectRegister: false,
			outDir: `${kitOut}/output`,
			kit: { outDir: kitOut, adapterFallback: '200.html', spa: true },
			manifest: false,
			injectManifest: {
				globPatterns: [
					'client/**/*.{js,mjs,css,html,svg,png,jpg,webp,ico,webmanifest,woff2,json,wasm}',
					'prerendered/**/*.html'
				],
				maximumFileSizeToCacheInBytes: 8 * 1024 * 1024
			},
			devOptions: { enabled: false }
		})
	],
	worker: { format: 'es' },
	server: { port: 5173 },
	preview: { port: Number(process.env.PILOT_PORT ?? 4173), strictPort: true },
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['src/test-setup.ts'],
		testTimeout: 60_000
	}
});
