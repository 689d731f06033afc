import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db } from '$lib/db/pilot-db';
import { notifications } from './notifications.svelte';
import { SafariStorage, safariEvictionRisk } from './safari.svelte';

const UA = {
	iPhoneSafari:
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
	iPadMini:
		'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
	// iPadOS asks for desktop sites by default: the same string as a Mac's Safari.
	desktopSafari:
		'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
	iPhoneChrome:
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
	macChrome:
		'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
	macEdge:
		'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.61',
	macFirefox: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0',
	androidChrome:
		'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36',
	linuxChromium:
		'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'
};

const risk = (userAgent: string, maxTouchPoints = 0, standalone = false) =>
	safariEvictionRisk({ userAgent, maxTouchPoints, standalone });

describe('Safari storage eviction', () => {
	it('recognises Safari on iPhone and iPad, including an iPad asking for desktop sites', () => {
		expect(risk(UA.iPhoneSafari, 5)).toBe('ios');
		expect(risk(UA.iPadMini, 5)).toBe('ios');
		expect(risk(UA.desktopSafari, 5)).toBe('ios');
		// Every iOS browser is WebKit, with the same rule.
		expect(risk(UA.iPhoneChrome, 5)).toBe('ios');
	});

	it('recognises Safari on a Mac (no touch points), whose fix is the Dock', () => {
		expect(risk(UA.desktopSafari, 0)).toBe('mac');
	});

	it('finds no risk in other browsers, nor in a web app opened from the Home Screen or Dock', () => {
		for (const ua of [UA.macChrome, UA.macEdge, UA.macFirefox, UA.androidChrome, UA.linuxChromium])
			expect(risk(ua, 0), ua).toBeNull();
		expect(risk(UA.androidChrome, 5)).toBeNull();
		expect(risk(UA.iPhoneSafari, 5, true)).toBeNull();
		expect(risk(UA.desktopSafari, 5, true)).toBeNull();
		expect(risk(UA.desktopSafari, 0, true)).toBeNull();
	});
});

describe('the reminder after the first data saved', () => {
	let state: SafariStorage;
	const infos = () => notifications.items.filter((n) => n.kind === 'info');
	beforeEach(async () => {
		await Promise.all(db.tables.map((t) => t.clear()));
		notifications.clear();
		state = new SafariStorage();
	});
	afterEach(() => state.stop());

	it('on Safari, follows the first import of a session with the fix and a backup reminder', async () => {
		await state.start({ userAgent: UA.desktopSafari, maxTouchPoints: 5, standalone: false });
		expect(state.risk).toBe('ios');
		expect(infos()).toHaveLength(0);
		await db.claims.put({ id: 'a' } as never);
		await expect.poll(() => infos().length).toBe(1);
		expect(infos()[0].text).toMatch(/Partager → Sur l’écran d’accueil.*sauvegarde/);
		await db.claims.put({ id: 'b' } as never);
		await new Promise((r) => setTimeout(r, 50));
		expect(infos()).toHaveLength(1);
	});

	it('says nothing when the data was already there, or outside Safari', async () => {
		await db.claims.put({ id: 'a' } as never);
		await state.start({ userAgent: UA.iPadMini, maxTouchPoints: 5, standalone: false });
		expect(state.risk).toBe('ios');
		const chromium = new SafariStorage();
		await chromium.start({ userAgent: UA.linuxChromium, maxTouchPoints: 0, standalone: false });
		expect(chromium.risk).toBeNull();
		await db.claims.put({ id: 'b' } as never);
		await new Promise((r) => setTimeout(r, 50));
		expect(infos()).toHaveLength(0);
	});
});
