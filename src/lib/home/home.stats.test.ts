import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '$lib/db/pilot-db';
import type { DatasetRecord } from '$lib/db/records';
import { homeStats } from './home.stats';
import { testChunks, testDataset } from '$lib/db/dataset.testing';

function dataset(id: string, period: string | null, rowCount = 0): DatasetRecord {
	return testDataset({ id, period, original: new Blob([id]), size: 1, rowCount });
}

describe('home statistics', () => {
	beforeEach(async () => {
		await Promise.all(db.tables.map((t) => t.clear()));
	});

	it('count modules with data, 3PL periods, imported rows and files, ignoring settings and backups', async () => {
		const empty = await homeStats();
		expect(empty).toMatchObject({ modulesWithData: 0, threePlPeriods: 0, rows: 0, files: 0 });
		expect(empty.modulesTotal).toBeGreaterThanOrEqual(11);

		await db.settings.put({ key: 'user.name', value: 'Camille', updatedAt: 0 });
		await db
			.datasets('logisticiens')
			.bulkPut([dataset('a', '2026-10', 1169), dataset('b', '2026-11', 2001), dataset('c', '2026-11')]);
		await db.chunks('logisticiens').bulkPut([
			...testChunks(
				'a',
				Array.from({ length: 1169 }, (_, i) => ({ _line: i + 2 }))
			),
			...testChunks(
				'b',
				Array.from({ length: 2001 }, (_, i) => ({ _line: i + 2 }))
			)
		]);
		await db.datasets('dpd').put(dataset('d', null, 5));
		await db.claims.put({ id: 'x' } as never);
		// Rows and files as a user counts them: 3 chunk records hold 3 170 rows; claims are neither.
		expect(await homeStats()).toMatchObject({ modulesWithData: 3, threePlPeriods: 2, rows: 3175, files: 4 });
	});
});
