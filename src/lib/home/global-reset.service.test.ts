import { beforeEach, describe, expect, it } from 'vitest';
import { testChunks, testDataset } from '$lib/db/dataset.testing';
import { describeCounts } from '$lib/db/stats';
import { db } from '$lib/db/pilot-db';
import { notifications } from '$lib/state/notifications.svelte';
import { activity } from '$lib/state/activity.svelte';
import { resetAllModules, resetScope } from './global-reset.service';

const claim = (id: string) => ({ id, tracking: 'TEST123', amountCents: 1000 }) as never;

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
	notifications.clear();
});

describe('global reset', () => {
	it('names what it erases, keeps settings, snapshots first, and "Annuler" brings everything back', async () => {
		await db.claims.bulkPut([claim('a'), claim('b')]);
		await db.library.put({ id: 'L', module: 'dpd' } as never);
		await db.datasets('dpd').put(testDataset({ id: 'd', rowCount: 1 }));
		await db.chunks('dpd').bulkPut(testChunks('d', [{ _line: 2 }]));
		await db.claimAttachments.put({ id: 'p', claimId: 'a' } as never);
		await db.settings.put({ key: 'user.name', value: 'Camille', updatedAt: 0 });

		const scope = await resetScope();
		expect(scope.map((s) => [s.label, describeCounts(s.counts)]).sort()).toEqual([
			['DPD', '1 fichier, 1 ligne'],
			['Indemnisations', '2 indemnisations, 1 justificatif'],
			['Sauvegarde des Analyses', '1 analyse archivée']
		]);

		expect(await resetAllModules()).toBe(true);
		expect(activity.busy).toBeNull();
		expect(await db.claims.count()).toBe(0);
		expect(await db.library.count()).toBe(0);
		expect(await db.chunks('dpd').count()).toBe(0);
		expect(await db.settings.get('user.name')).toMatchObject({ value: 'Camille' });
		expect(await resetScope()).toEqual([]);
		const [snapshot] = await db.snapshots.toArray();
		expect(snapshot.tables.claims).toBe(2);

		// A setting changed after the reset is not undone with it.
		await db.settings.put({ key: 'user.name', value: 'Dominique', updatedAt: 1 });
		const notice = notifications.items.find((n) => n.kind === 'success');
		expect(notice?.action?.label).toBe('Annuler');
		await notice!.action!.run();
		expect((await db.claims.toArray()).map((c) => c.id).sort()).toEqual(['a', 'b']);
		expect(await db.library.count()).toBe(1);
		expect(await db.chunks('dpd').count()).toBe(1);
		expect(await db.settings.get('user.name')).toMatchObject({ value: 'Dominique' });
	});
});
