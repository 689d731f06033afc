/**
 * Schema v4: a library archive names its source files by content. Up to v2 it held this device's
 * dataset ids (`datasetIds`, and `datasetId` in its result's `files`); team sync imports a file again
 * on each device under another id, so those ids meant nothing once an archive had synced.
 *
 * Each id becomes its dataset's SHA-256, found by id among the module's datasets; failing that (an
 * archive synced from another device, whose ids are that device's), by the file the archive lists for
 * the id — same name, slot and row count — when exactly one of the module's datasets matches. An id
 * whose dataset is gone (the file was deleted since) has no SHA-256 to give: it leaves `sources`, and
 * its entry in the result's `files` keeps its name, slot and row count, without `sha256`, so the
 * archive still shows every file it was computed from.
 */
import type { Transaction } from 'dexie';
import type { ArchiveSource, DatasetRecord, LibraryRecord } from '../records';
import { DATASET_STORES } from '../schema';

export type DatasetRef = Pick<DatasetRecord, 'id' | 'sha256' | 'fileName' | 'slot' | 'rowCount'>;

interface ArchivedFileV2 {
	datasetId: string;
	fileName: string;
	slot: string;
	rowCount: number;
}

/** A library record as schema v2 stored it. */
export type LibraryRecordV2 = Omit<LibraryRecord, 'sources'> & { datasetIds: string[] };

type ArchivedFileV4 = Omit<ArchivedFileV2, 'datasetId'> & { sha256?: string };

function isArchivedFile(value: unknown): value is ArchivedFileV2 {
	return !!value && typeof value === 'object' && typeof (value as ArchivedFileV2).datasetId === 'string';
}

/**
 * The v4 record for a v2 one. `datasets` are the datasets of the archive's module on this device
 * (any others are ignored). Pure: the same record and datasets give the same result on every device.
 */
export function namedSources(record: LibraryRecordV2, datasets: readonly DatasetRef[]): LibraryRecord {
	const { datasetIds, result, ...rest } = record;
	const files: unknown[] = Array.isArray((result as { files?: unknown } | null)?.files)
		? (result as { files: unknown[] }).files
		: [];
	const listed = new Map(files.filter(isArchivedFile).map((f) => [f.datasetId, f]));
	const byId = new Map(datasets.map((d) => [d.id, d]));

	function datasetOf(id: string): DatasetRef | undefined {
		const own = byId.get(id);
		if (own) return own;
		const file = listed.get(id);
		if (!file) return undefined;
		const alike = datasets.filter(
			(d) => d.fileName === file.fileName && d.slot === file.slot && d.rowCount === file.rowCount
		);
		return alike.length === 1 ? alike[0] : undefined;
	}

	const sources: ArchiveSource[] = [];
	for (const id of datasetIds) {
		const d = datasetOf(id);
		if (d) sources.push({ sha256: d.sha256, fileName: d.fileName });
	}
	const upgraded: LibraryRecord = { ...rest, sources, result };
	if (listed.size) {
		upgraded.result = {
			...(result as object),
			files: files.map((f): unknown => {
				if (!isArchivedFile(f)) return f;
				const { datasetId, ...file } = f;
				const sha256 = datasetOf(datasetId)?.sha256;
				return (sha256 ? { sha256, ...file } : file) satisfies ArchivedFileV4;
			})
		};
	}
	return upgraded;
}

/** Library archive module → the datasets of its store (a carrier's, or the returns'). */
async function datasetsByModule(tx: Transaction): Promise<Map<string, DatasetRef[]>> {
	const byModule = new Map<string, DatasetRef[]>();
	for (const [store, module] of Object.entries(DATASET_STORES)) {
		const refs: DatasetRef[] = [];
		await tx
			.table(`${store}Datasets`)
			.each(({ id, sha256, fileName, slot, rowCount }: DatasetRecord) =>
				refs.push({ id, sha256, fileName, slot, rowCount })
			);
		byModule.set(module, refs);
	}
	return byModule;
}

export async function nameArchiveSources(tx: Transaction): Promise<void> {
	const byModule = await datasetsByModule(tx);
	await tx
		.table('library')
		.toCollection()
		.modify((record: LibraryRecordV2 | LibraryRecord, ctx: { value: unknown }) => {
			if (!('datasetIds' in record)) return false; // already v4
			ctx.value = namedSources(record, byModule.get(record.module) ?? []);
		});
}
