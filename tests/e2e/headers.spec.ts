import { expect, test } from './support/test';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { HomePage } from './pages/home.page';
import { FIXTURES, LogisticiensPage } from './pages/logisticiens.page';
import { buildDir } from './support/build-dir';

// These tests use the service worker (offline, updates): support/test.ts hides it elsewhere.
test.use({ withServiceWorker: true });

// docs/hosting.md: the headers scripts/serve.mjs sends, as any host of Pilot must.
test('every response carries the security headers; each page’s CSP allows its own inline scripts', async ({
	request
}) => {
	const pages = (await readdir(buildDir)).filter((f) => f.endsWith('.html'));
	expect(pages.length).toBeGreaterThan(10);
	for (const page of pages) {
		const path = page === 'index.html' ? '/' : `/${page.replace(/\.html$/, '')}`;
		const response = await request.get(path);
		const headers = response.headers();
		expect(headers['x-frame-options'], path).toBe('DENY');
		expect(headers['x-content-type-options'], path).toBe('nosniff');
		expect(headers['referrer-policy'], path).toBe('no-referrer');
		const csp = headers['content-security-policy'] ?? '';
		expect(csp, path).toContain("frame-ancestors 'none'");
		// Both policies are enforced: the header must allow every inline script the <meta> allows.
		const meta = (await readFile(join(buildDir, page), 'utf8')).match(
			/http-equiv="content-security-policy" content="([^"]+)"/
		)![1];
		const directive = (policy: string, name: string) =>
			policy
				.split(';')
				.map((d) => d.trim().split(/\s+/))
				.find(([n]) => n === name)
				?.slice(1) ?? [];
		for (const name of ['default-src', 'script-src', 'style-src', 'img-src', 'connect-src', 'worker-src'])
			expect(directive(csp, name), `${path} ${name}`).toEqual(expect.arrayContaining(directive(meta, name)));
	}
	const script = await request.get('/sw.js');
	expect(script.headers()['content-security-policy']).toContain("script-src 'self'");
});

test('the app works under its header CSP: no violation, the service worker installs, the intake worker parses', async ({
	page
}) => {
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { violations: string[] }).violations = seen;
		document.addEventListener('securitypolicyviolation', (e) =>
			seen.push(`${e.violatedDirective} ${e.blockedURI}`)
		);
	});
	const home = new HomePage(page);
	await home.goto();
	expect(await home.waitForServiceWorker()).toMatch(/\/sw\.js$/);
	// The intake worker (a module worker of the build, under the header too) parses a 3PL workbook.
	const lib = new LogisticiensPage(page);
	await lib.goto();
	await lib.upload([`${FIXTURES}/LOG_2026_09.xlsx`]);
	await expect(lib.periodInput('LOG_2026_09.xlsx')).toHaveValue('2026-09', { timeout: 30_000 });
	await expect(lib.pending('LOG_2026_09.xlsx')).toContainText('335');
	expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
});

test('a page of another site that frames Pilot gets nothing', async ({ page, baseURL }) => {
	// Another origin served from this machine: a page Playwright made up would count as public, and Chromium's
	// local network rules would refuse the frame whatever Pilot sends.
	const framer = createServer((_, res) =>
		res
			.writeHead(200, { 'content-type': 'text/html' })
			.end(`<iframe src="${baseURL}/" title="Pilot"></iframe>`)
	);
	await new Promise<void>((done) => framer.listen(0, '127.0.0.1', done));
	try {
		await page.goto(`http://127.0.0.1:${(framer.address() as AddressInfo).port}/`);
		// The load event can fire before the refused frame has committed its error page: poll its address.
		const framedUrl = () =>
			page
				.frames()
				.find((f) => f !== page.mainFrame())
				?.url();
		await expect.poll(framedUrl).toMatch(/^chrome-error:/);
		await expect(page.frameLocator('iframe').getByRole('heading', { name: /Outils de Gestion/ })).toHaveCount(
			0
		);
	} finally {
		await new Promise((done) => framer.close(done));
	}
});
