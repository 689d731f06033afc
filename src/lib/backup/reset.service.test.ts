import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '$lib/db/pilot-db';
import { notifications } from '$lib/state/notifications.svelte';
import { resetModule } from './reset.service';
import { restoreSnapshot, takeSafetySnapshot } from './snapshots.service';

const claim = (id: string) => ({ id, tracking: 'TEST123', amountCents: 1000 }) as never;

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
	notifications.clear();
});

describe('resetModule', () => {
	it('snapshots, clears only the module, and offers an undo that restores it', async () => {
		await db.claims.bulkPut([claim('a'), claim('b')]);
		await db.library.put({ id: 'L', module: 'dpd' } as never);
		expect(await resetModule('indemnisations')).toBe(true);
		expect(await db.claims.count()).toBe(0);
		expect(await db.library.count()).toBe(1);
		const snaps = await db.snapshots.toArray();
		expect(snaps).toHaveLength(1);
		expect(snaps[0].kind).toBe('safety');
		expect(snaps[0].tables.claims).toBe(2);
		// Something else changes in the meantime; undoing the reset must not undo it.
		await db.library.put({ id: 'L2', module: 'dpd' } as never);
		const notice = notifications.items.find((n) => n.kind === 'success');
		expect(notice?.action?.label).toBe('Annuler');
		await notice!.action!.run();
		expect((await db.claims.toArray()).map((c) => c.id).sort()).toEqual(['a', 'b']);
		expect(await db.library.count()).toBe(2);
	});
});

describe('takeSafetySnapshot / restoreSnapshot', () => {
	it('brings back the exact data, and the restore can itself be undone', async () => {
		await db.claims.put(claim('a'));
		const id = await takeSafetySnapshot('test');
		await db.claims.clear();
		await db.claims.put(claim('z'));
		expect(await restoreSnapshot(id)).toBe(true);
		expect((await db.claims.toArray()).map((c) => c.id)).toEqual(['a']);
		const undo = notifications.items.filter((n) => n.kind === 'success').at(-1);
		await undo!.action!.run();
		expect((await db.claims.toArray()).map((c) => c.id)).toEqual(['z']);
	});

	it('reports a missing snapshot in French and changes nothing', async () => {
		await db.claims.put(claim('a'));
		expect(await restoreSnapshot('nope')).toBe(false);
		expect(notifications.items.at(-1)?.text).toMatch(/introuvable/);
		expect(await db.claims.count()).toBe(1);
	});
});
