import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '$lib/db/pilot-db';
import { notifications } from '$lib/state/notifications.svelte';
import { changeLog } from './change-tracker.svelte';
import { resetModule } from './reset.service';
import { snapshotRoom } from './snapshot-room.svelte';
import { ensureDailySnapshot, removeSnapshot, takeSafetySnapshot } from './snapshots.service';

const claim = (id: string) => ({ id, tracking: 'TEST123', amountCents: 1000 }) as never;
const DAY = 24 * 3600 * 1000;

/** localStorage for Node: what a page load finds on the device. */
class MemoryStorage {
	#items = new Map<string, string>();
	getItem = (k: string) => this.#items.get(k) ?? null;
	setItem = (k: string, v: string) => void this.#items.set(k, String(v));
	removeItem = (k: string) => void this.#items.delete(k);
}

/**
 * A disk with room for `slots` snapshots (all other data fills the rest): adding one more
 * fails with the browser's QuotaExceededError, which aborts its transaction as IndexedDB does.
 */
function fullDisk(slots: number) {
	const add = db.snapshots.add.bind(db.snapshots);
	const attempts = vi.fn();
	db.snapshots.add = (async (...args: Parameters<typeof add>) => {
		attempts();
		if ((await db.snapshots.count()) >= slots) throw new DOMException('plein', 'QuotaExceededError');
		return add(...args);
	}) as typeof add;
	return { attempts, restore: () => (db.snapshots.add = add) };
}

const reasons = async () => (await db.snapshots.orderBy('createdAt').toArray()).map((s) => s.reason);
const errors = () => notifications.items.filter((n) => n.kind === 'error');
let disk: ReturnType<typeof fullDisk> | undefined;

beforeEach(async () => {
	vi.stubGlobal('localStorage', new MemoryStorage());
	snapshotRoom.reload();
	changeLog.at = {};
	await Promise.all(db.tables.map((t) => t.clear()));
	notifications.clear();
});
afterEach(() => {
	disk?.restore();
	disk = undefined;
	vi.unstubAllGlobals();
});

/** Snapshots taken now, then dated back (retention runs when each is written). */
async function snapshotsDaysAgo(days: Record<string, number>): Promise<void> {
	const ids = Object.keys(days).map(async (reason) => [reason, await takeSafetySnapshot(reason)] as const);
	for (const [reason, id] of await Promise.all(ids))
		await db.snapshots.update(id, { createdAt: Date.now() - days[reason] * DAY });
}

describe('snapshots on a full disk', () => {
	it('free only what retention drops anyway, then keep the new one', async () => {
		await db.claims.put(claim('a'));
		for (const r of ['matin', 'midi', 'soir']) await takeSafetySnapshot(r);
		disk = fullDisk(3);
		await takeSafetySnapshot('nouveau');
		expect(await reasons()).toEqual(['midi', 'soir', 'nouveau']);
	});

	it('never delete the last good snapshot; say so once in French, then stay quiet', async () => {
		await db.claims.put(claim('a'));
		await snapshotsDaysAgo({ 'il y a 9 jours': 9, 'il y a 12 jours': 12 });
		disk = fullDisk(0);

		// Retention would drop both once a new one is in; only the older may go before it is written.
		expect(await ensureDailySnapshot()).toBeUndefined();
		expect(await reasons()).toEqual(['il y a 9 jours']);
		expect(errors()).toHaveLength(1);
		expect(errors()[0].text).toMatch(/Instantané automatique — L'espace de stockage du navigateur est plein/);
		expect(errors()[0].text).toMatch(/aucun instantané existant n'a été effacé \(le plus récent date du /);
		expect(errors()[0].text).toMatch(/Téléchargez une sauvegarde .* libérez de la place/);
		const firstId = errors()[0].id;

		// Next page loads: remembered on the device, not retried, not repeated.
		snapshotRoom.reload();
		expect(snapshotRoom.full).not.toBeNull();
		const tries = disk.attempts.mock.calls.length;
		await ensureDailySnapshot();
		await ensureDailySnapshot();
		expect(disk.attempts.mock.calls.length).toBe(tries);
		expect(errors().map((n) => n.id)).toEqual([firstId]);

		// The data changed: that newer data is unprotected, so it is tried and said again.
		changeLog.note(['claims'], Date.now() + 1);
		await ensureDailySnapshot();
		expect(disk.attempts.mock.calls.length).toBeGreaterThan(tries);
		// Said again: a new message (each one replaces the previous on screen).
		expect(errors()).toHaveLength(1);
		expect(errors()[0].id).not.toBe(firstId);
		expect(await reasons()).toEqual(['il y a 9 jours']);

		// The user deletes a file to make room (a change): the snapshot is written, retention
		// applies, and the failure is forgotten.
		disk.restore();
		changeLog.note(['claimAttachments'], Date.now() + 2);
		expect(await ensureDailySnapshot()).toBeDefined();
		expect(await reasons()).toEqual(['Instantané quotidien']);
		expect(snapshotRoom.full).toBeNull();
		expect(localStorage.getItem('pilot.snapshotNoRoom')).toBeNull();
	});

	it('refuse a reset whose safety snapshot cannot be written, data and snapshots intact', async () => {
		await db.claims.bulkPut([claim('a'), claim('b')]);
		await takeSafetySnapshot('avant');
		disk = fullDisk(1);
		expect(await resetModule('indemnisations')).toBe(false);
		expect(await db.claims.count()).toBe(2);
		expect(await reasons()).toEqual(['avant']);
		expect(errors().at(-1)?.text).toMatch(/Réinitialisation du module « Indemnisations » — .*plein/);
	});

	it('let the user delete a snapshot to make room, after which the daily one is tried again', async () => {
		await db.claims.put(claim('a'));
		await snapshotsDaysAgo({ 'avant-hier': 2, 'il y a 3 jours': 3 });
		disk = fullDisk(0);
		await ensureDailySnapshot();
		expect(snapshotRoom.full).not.toBeNull();
		const oldest = (await db.snapshots.orderBy('createdAt').first())!;
		expect(await removeSnapshot(oldest.id)).toBe(true);
		expect(await reasons()).toEqual(['avant-hier']);
		expect(snapshotRoom.full).toBeNull();
		disk.restore();
		expect(await ensureDailySnapshot()).toBeDefined();
		expect(await reasons()).toEqual(['avant-hier', 'Instantané quotidien']);
	});
});
