/**
 * Schema v2: every chunk record's `rows` objects become packed bytes (`chunk-codec`), about 10×
 * smaller and several times faster for IndexedDB to write and read (docs/data-model.md).
 * It runs inside Dexie's upgrade transaction, which ends as soon as it awaits anything but
 * IndexedDB: hence the synchronous packer (same bytes format as the worker's native one).
 */
import type { Transaction } from 'dexie';
import { packRowsSync } from '../chunk-codec';
import type { ChunkRecord } from '../records';
import { DATASET_STORES } from '../schema';

/** A chunk record as schema v1 stored it. */
export interface RowsChunkV1 {
	datasetId: string;
	index: number;
	rows: unknown[];
}

/** The v2 record for a v1 one: same key, its rows packed. */
export function packedChunk(chunk: RowsChunkV1): ChunkRecord {
	return {
		datasetId: chunk.datasetId,
		index: chunk.index,
		rowCount: chunk.rows.length,
		data: packRowsSync(chunk.rows)
	};
}

export async function packChunkRecords(tx: Transaction): Promise<void> {
	// Table by table: `modify` reads and rewrites in batches, never a whole table at once.
	for (const store of Object.keys(DATASET_STORES)) {
		await tx
			.table(`${store}Chunks`)
			.toCollection()
			.modify((chunk: RowsChunkV1 | ChunkRecord, ctx: { value: unknown }) => {
				if (!('rows' in chunk) || !Array.isArray(chunk.rows)) return false; // already packed
				ctx.value = packedChunk(chunk);
			});
	}
}
