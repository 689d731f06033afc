import AxeBuilder from '@axe-core/playwright';
import { chromium, expect, test } from './support/test';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, executablePath } from '../../playwright.config';
import { HomePage } from './pages/home.page';
import { ParametresPage } from './pages/parametres.page';
import { ShellPage } from './pages/shell.page';
import { buildDir, buildUrls } from './support/build-dir';
import { serveStatic } from '../../scripts/serve.mjs';

// These tests use the service worker (offline, updates): support/test.ts hides it elsewhere.
test.use({ withServiceWorker: true });

test('the first visit installs the service worker, which takes control of the page', async ({ page }) => {
	const home = new HomePage(page);
	await home.goto();
	expect(await home.waitForServiceWorker()).toMatch(/\/sw\.js$/);
	const settings = new ParametresPage(page);
	await settings.goto();
	await expect(page.getByTestId('offline-ready')).toContainText('Prête');
});

test('offline, the app and the data written before are still there, on every route', async ({
	page,
	context
}) => {
	const settings = new ParametresPage(page);
	await settings.goto();
	await settings.waitForServiceWorker();
	await settings.setUserName('Camille Martin');

	await context.setOffline(true);
	await page.reload();
	await settings.expectLoaded();
	await expect(settings.userNameInput()).toHaveValue('Camille Martin');

	const home = new HomePage(page);
	await home.goto();
	await expect(home.tileSummary('indemnisations')).toHaveText('Aucune indemnisation');

	// Deep links straight into a module, including one this session never opened.
	await page.goto('/dpd');
	await expect(page.getByRole('heading', { level: 1, name: /DPD/ })).toBeVisible();
	await page.goto('/indemnisations');
	await expect(page.getByRole('heading', { level: 1, name: /Indemnisations/ })).toBeVisible();
	await page.goto('/adresse-inconnue');
	await expect(page.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();
});

test('every file of the build is precached and served offline', async ({ page, context }) => {
	const home = new HomePage(page);
	await home.goto();
	await home.waitForServiceWorker();
	await context.setOffline(true);
	const urls = await buildUrls();
	expect(urls.length).toBeGreaterThan(20);
	const failed = await page.evaluate(async (list) => {
		const results = await Promise.all(
			list.map(async (url) => {
				try {
					return (await fetch(url)).ok ? null : url;
				} catch {
					return url;
				}
			})
		);
		return results.filter(Boolean);
	}, urls);
	expect(failed).toEqual([]);
});

test('Chromium finds the app installable: manifest, icons and service worker', async ({ baseURL }) => {
	// RULINGS 17: an ordinary Playwright context is incognito, which is never installable.
	const userDataDir = await mkdtemp(join(tmpdir(), 'pilot-install-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath,
		args: chromiumArgs,
		baseURL
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto('/');
		await new ShellPage(page).waitForServiceWorker();
		const cdp = await context.newCDPSession(page);
		const manifest = await cdp.send('Page.getAppManifest');
		expect(manifest.errors).toEqual([]);
		expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		expect(installabilityErrors).toEqual([]);

		const parsed = JSON.parse(manifest.data ?? '{}') as {
			icons: { src: string; sizes: string; type: string; purpose: string }[];
			theme_color: string;
			display: string;
		};
		expect(parsed.display).toBe('standalone');
		expect(parsed.theme_color.toUpperCase()).toBe('#2D3E50');
		const pngs = parsed.icons.filter((i) => i.type === 'image/png');
		expect(pngs.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual([
			'192x192 any',
			'512x512 any',
			'512x512 maskable'
		]);
		for (const icon of pngs) {
			const response = await page.request.get(icon.src);
			expect(response.status(), icon.src).toBe(200);
			const bytes = await response.body();
			// PNG header: width and height are the big-endian words at bytes 16 and 20.
			expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
		}
	} finally {
		await context.close();
		await rm(userDataDir, { recursive: true, force: true });
	}
});

test('a new build waiting offers "Recharger", which reloads onto the new version', async ({ page }) => {
	// A copy of the build on a server of our own, so that this test alone sees its sw.js change.
	const root = await mkdtemp(join(tmpdir(), 'pilot-update-'));
	await cp(buildDir, root, { recursive: true });
	const server = await serveStatic(root);
	try {
		const settings = new ParametresPage(page);
		await page.goto(`${server.url}/parametres`);
		await settings.expectLoaded();
		await settings.waitForServiceWorker();
		await settings.expectNoUpdatePrompt();

		// The "new version": the same worker plus an answer only it gives.
		const sw = await readFile(join(root, 'sw.js'), 'utf8');
		await writeFile(
			join(root, 'sw.js'),
			`${sw}\nself.addEventListener('message', (e) => { if (e.data?.type === 'TEST_VERSION') e.ports[0].postMessage('v2'); });\n`
		);
		await settings.checkForUpdate();
		await expect(settings.updatePrompt()).toBeVisible();
		await expect(settings.updatePrompt().getByRole('button', { name: 'Recharger' })).toBeEnabled();
		const { violations } = await new AxeBuilder({ page })
			.include('[aria-labelledby="update-title"]')
			.analyze();
		expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

		const origin = await page.evaluate(() => performance.timeOrigin);
		await settings.updatePrompt().getByRole('button', { name: 'Recharger' }).click();
		await expect.poll(() => page.evaluate(() => performance.timeOrigin).catch(() => origin)).not.toBe(origin);
		await settings.expectLoaded();
		await settings.expectNoUpdatePrompt();
		const answer = await page.evaluate(
			() =>
				new Promise<string>((resolve) => {
					const channel = new MessageChannel();
					channel.port1.onmessage = (e) => resolve(e.data);
					navigator.serviceWorker.controller?.postMessage({ type: 'TEST_VERSION' }, [channel.port2]);
				})
		);
		expect(answer).toBe('v2');
	} finally {
		await server.close();
		await rm(root, { recursive: true, force: true });
	}
});
