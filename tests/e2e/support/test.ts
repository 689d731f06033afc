/**
 * Playwright's `test`, with the service worker off unless a spec asks for it
 * (`test.use({ withServiceWorker: true })`): installing it precaches the whole app (4.7 MB) in
 * every test's fresh context. The page then sees a browser without service workers, which the app
 * handles (it only registers where `navigator.serviceWorker` exists); Playwright's own
 * `serviceWorkers: 'block'` instead hands workbox an undefined registration, which it cannot take.
 */
import { test as base, type BrowserContext } from '@playwright/test';

export * from '@playwright/test';

/** For contexts a spec opens itself (two devices of a team). */
export async function hideServiceWorker(context: BrowserContext): Promise<void> {
	await context.addInitScript(() => {
		delete (Navigator.prototype as { serviceWorker?: unknown }).serviceWorker;
	});
}

export const test = base.extend<{ withServiceWorker: boolean }>({
	withServiceWorker: [false, { option: true }],
	context: async ({ context, withServiceWorker }, use) => {
		if (!withServiceWorker) await hideServiceWorker(context);
		await use(context);
	}
});
