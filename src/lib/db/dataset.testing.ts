import { packRowsSync } from './chunk-codec';
import type { ChunkRecord, DatasetRecord } from './records';

/** A dataset record for tests: an empty 3PL file unless the test says otherwise. */
export function testDataset(fields: Partial<DatasetRecord> & { id: string }): DatasetRecord {
	return {
		slot: '3pl',
		fileName: `${fields.id}.xlsx`,
		sha256: fields.id,
		original: new Blob([]),
		size: 0,
		period: null,
		rowCount: 0,
		chunkCount: 0,
		columns: [],
		importedAt: 0,
		dateRange: null,
		skipped: [],
		meta: {},
		...fields
	};
}

/** A dataset's chunk records for tests: `rows` packed as the app stores them, `size` rows a chunk. */
export function testChunks(datasetId: string, rows: readonly unknown[], size = 2000): ChunkRecord[] {
	const chunks: ChunkRecord[] = [];
	for (let i = 0; i < rows.length; i += size) {
		const slice = rows.slice(i, i + size);
		chunks.push({ datasetId, index: chunks.length, rowCount: slice.length, data: packRowsSync(slice) });
	}
	return chunks;
}
