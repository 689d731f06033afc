import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '$lib/db/pilot-db';
import { notifications } from '$lib/state/notifications.svelte';
import { getUserName, setUserName, USER_NAME_MAX } from './settings.service';

describe('device user name', () => {
	beforeEach(async () => {
		await db.settings.clear();
		notifications.clear();
	});
	afterEach(() => vi.restoreAllMocks());

	it('is empty until set, then stored trimmed under user.name', async () => {
		expect(await getUserName()).toBe('');
		expect(await setUserName('  Camille   Martin ')).toBe('Camille Martin');
		expect(await getUserName()).toBe('Camille Martin');
		expect((await db.settings.get('user.name'))?.value).toBe('Camille Martin');
		expect(notifications.items.at(-1)?.kind).toBe('success');
	});

	it('refuses a name that is too long, reports it in French and keeps the old one', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		await setUserName('Camille');
		expect(await setUserName('x'.repeat(USER_NAME_MAX + 1))).toBeUndefined();
		expect(await getUserName()).toBe('Camille');
		const last = notifications.items.at(-1);
		expect(last?.kind).toBe('error');
		expect(last?.text).toContain(`dépasse ${USER_NAME_MAX} caractères`);
	});
});
