import type { DatasetRecord } from './records';

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
