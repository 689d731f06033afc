import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { datasetRows } from '$lib/intake/datasets.repository';
import { unpackRows } from '../chunk-codec';
import { db, DB_NAME, PilotDB } from '../pilot-db';
import { CURRENT_SCHEMA_VERSION, SCHEMA_V1 } from '../schema';
import type { RowsChunkV1 } from './v2-packed-chunks';

/** 4 500 rows of a DPD file in v1's 2 000-row chunks, plus a one-chunk 3PL file. */
const dpdRows = Array.from({ length: 4500 }, (_, i) => ({
	_line: i + 2,
	tracking: `2500${String(i).padStart(10, '0')}`,
	amountCents: (i % 7) * 137 - 200,
	weightKg: i / 8,
	partner: i % 3 ? 'Boutique Éole' : null,
	express: i % 2 === 0
}));
const threePlRows = [{ _line: 2, tracking: '6A51623390483', partner: 'TERRE DE LIN', day: '2026-11-03' }];

function v1Chunks(datasetId: string, rows: object[]): RowsChunkV1[] {
	const chunks: RowsChunkV1[] = [];
	for (let i = 0; i < rows.length; i += 2000)
		chunks.push({ datasetId, index: chunks.length, rows: rows.slice(i, i + 2000) });
	return chunks;
}

async function writeV1(name: string): Promise<void> {
	const old = new Dexie(name);
	old.version(1).stores(SCHEMA_V1);
	await old.open();
	// Written out of order: reading back must follow `index`, not insertion.
	await old.table('dpdChunks').bulkPut(v1Chunks('ds-dpd', dpdRows).reverse());
	await old.table('logisticiensChunks').bulkPut(v1Chunks('ds-3pl', threePlRows));
	old.close();
}

describe('schema v2: packed chunk records', () => {
	it('a v1 database opens as PilotDB (v2 and later), and datasetRows gives back the same rows', async () => {
		// The app's database, written at v1 before anything in this file opened it.
		expect(db.isOpen()).toBe(false);
		await writeV1(DB_NAME);

		expect(await datasetRows('dpd', 'ds-dpd')).toStrictEqual(dpdRows);
		expect(await datasetRows('logisticiens', 'ds-3pl')).toStrictEqual(threePlRows);
		expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
		const stored = await db.chunks('dpd').toArray();
		expect(stored.map(({ index, rowCount }) => [index, rowCount])).toEqual([
			[0, 2000],
			[1, 2000],
			[2, 500]
		]);
		for (const chunk of stored) {
			expect(Object.keys(chunk).sort()).toEqual(['data', 'datasetId', 'index', 'rowCount']);
			expect(chunk.data).toBeInstanceOf(Uint8Array);
		}
	});

	it('packs ~10× smaller than the JSON it replaces, and leaves other tables alone', async () => {
		const name = `v2-chunks-${Math.random()}`;
		await writeV1(name);
		const v2 = new PilotDB(name);
		try {
			await v2.open();
			const chunk = (await v2.chunks('dpd').get(['ds-dpd', 0]))!;
			expect(chunk.data.length * 5).toBeLessThan(JSON.stringify(dpdRows.slice(0, 2000)).length);
			expect(await unpackRows(chunk.data)).toStrictEqual(dpdRows.slice(0, 2000));
			expect(await v2.chunks('dhl').count()).toBe(0);
		} finally {
			v2.close();
			await Dexie.delete(name);
		}
	});
});
