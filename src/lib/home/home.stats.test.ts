import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '$lib/db/pilot-db';
import type { DatasetRecord } from '$lib/db/records';
import { homeStats } from './home.stats';
import { testDataset } from '$lib/db/dataset.testing';

function dataset(id: string, period: string | null): DatasetRecord {
	return testDataset({ id, period, original: new Blob([id]), size: 1 });
}

describe('home statistics', () => {
	beforeEach(async () => {
		await Promise.all(db.tables.map((t) => t.clear()));
	});

	it('count modules with data and 3PL periods from the database, ignoring settings and backups', async () => {
		const empty = await homeStats();
		expect(empty).toMatchObject({ modulesWithData: 0, threePlPeriods: 0, records: 0 });
		expect(empty.modulesTotal).toBeGreaterThanOrEqual(11);

		await db.settings.put({ key: 'user.name', value: 'Camille', updatedAt: 0 });
		await db
			.datasets('logisticiens')
			.bulkPut([dataset('a', '2026-10'), dataset('b', '2026-11'), dataset('c', '2026-11')]);
		await db.datasets('dpd').put(dataset('d', null));
		expect(await homeStats()).toMatchObject({ modulesWithData: 2, threePlPeriods: 2, records: 4 });
	});
});
