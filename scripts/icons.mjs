// Renders the PWA icons from our own SVGs with Chromium (run once after changing an SVG; PNGs are committed).
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';

const jobs = [
	['static/icons/icon.svg', 'static/icons/icon-192.png', 192],
	['static/icons/icon.svg', 'static/icons/icon-512.png', 512],
	['static/icons/maskable.svg', 'static/icons/maskable-512.png', 512],
	['static/icons/icon.svg', 'static/icons/apple-touch-icon.png', 180]
];
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox']
});
const page = await browser.newPage();
for (const [src, dest, size] of jobs) {
	const svg = await readFile(src, 'utf8');
	await page.setViewportSize({ width: size, height: size });
	await page.setContent(
		`<style>html,body{margin:0;background:transparent}</style>${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}`
	);
	await page.screenshot({ path: dest, omitBackground: true });
}
await browser.close();
