import { describe, expect, it } from 'vitest';
import { PilotDB } from '$lib/db/pilot-db';
import type { DatasetRecord } from '$lib/db/records';
import { createBackup } from './backup-engine';
import { readBackup } from './backup-reader';
import { testDataset } from '$lib/db/dataset.testing';

/**
 * Incompressible bytes from a fixed seed, with ZIP signatures inside as in a real .xlsx (itself a
 * ZIP): a reader that scans for the next local header would cut the Blob there.
 */
function noise(length: number, seed: number): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(length);
	let x = seed;
	for (let i = 0; i < length; i++) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		out[i] = x & 0xff;
	}
	for (let at = 1000; at + 4 < length; at += 50_000) out.set([0x50, 0x4b, 0x03, 0x04], at);
	return out;
}

function dataset(id: string, original: Blob): DatasetRecord {
	return testDataset({ id, original, size: original.size, period: '2026-11', importedAt: 1 });
}

describe('Blobs in a backup', () => {
	it('reads back several large original files byte for byte, with the entries that follow them', async () => {
		const db = new PilotDB(`blobs-${crypto.randomUUID()}`);
		const a = noise(300_000, 7);
		const b = noise(70_000, 11);
		await db.datasets('logisticiens').bulkPut([dataset('a', new Blob([a])), dataset('b', new Blob([b]))]);
		await db.settings.put({ key: 'after', value: 'blobs', updatedAt: 2 });

		const made = await createBackup(db, {});
		const parsed = await readBackup(made.blob, { fileName: 'x.zip', currentSchemaVersion: 99 });

		const records = parsed.tables.logisticiensDatasets.records as DatasetRecord[];
		const byId = new Map(records.map((r) => [r.id, r]));
		expect(new Uint8Array(await byId.get('a')!.original.arrayBuffer())).toEqual(a);
		expect(new Uint8Array(await byId.get('b')!.original.arrayBuffer())).toEqual(b);
		expect(parsed.tables.settings.records).toEqual([{ key: 'after', value: 'blobs', updatedAt: 2 }]);
		db.close();
	});
});
