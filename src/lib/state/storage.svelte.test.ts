import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '$lib/db/pilot-db';
import { storageHealth } from './storage.svelte';

describe('storage health', () => {
	afterEach(() => {
		storageHealth.stopWatching();
		vi.unstubAllGlobals();
	});

	it('shows usage and quota, and asks for persistence once the first record is stored', async () => {
		await Promise.all(db.tables.map((t) => t.clear()));
		const persist = vi.fn(async () => false);
		vi.stubGlobal('navigator', {
			storage: {
				estimate: async () => ({ usage: 2_000_000, quota: 10_000_000_000 }),
				persisted: async () => false,
				persist
			}
		});
		await storageHealth.start();
		expect(storageHealth.supported).toBe(true);
		expect(storageHealth.usage).toBe(2_000_000);
		expect(storageHealth.ratio).toBeCloseTo(0.0002);
		expect(storageHealth.persisted).toBe(false);
		await new Promise((r) => setTimeout(r, 50));
		expect(persist).not.toHaveBeenCalled();

		await db.settings.put({ key: 'user.name', value: 'Camille', updatedAt: 0 });
		await vi.waitFor(() => expect(persist).toHaveBeenCalledTimes(1));
		await vi.waitFor(() => expect(storageHealth.denied).toBe(true));

		// Asked once per session: later writes do not ask again.
		await db.settings.put({ key: 'user.name', value: 'Dominique', updatedAt: 1 });
		await new Promise((r) => setTimeout(r, 50));
		expect(persist).toHaveBeenCalledTimes(1);
	});
});
