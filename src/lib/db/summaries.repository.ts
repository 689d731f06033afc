/**
 * The home tiles' summary records (records.ts `SummaryRecord`): written when a module's analysis runs,
 * read by its tile, trusted only while the module's files are those it was computed from.
 */
import type { DatasetRecord, SummaryRecord } from './records';
import { db } from './pilot-db';

/** The files an analysis read, as one string: an import, a delete or a restore of other files changes it. */
export function datasetsBasis(
	datasets: readonly Pick<DatasetRecord, 'id' | 'importedAt' | 'rowCount'>[]
): string {
	return datasets
		.map((d) => `${d.id}:${d.importedAt}:${d.rowCount}`)
		.sort()
		.join('|');
}

const basisOf = (datasets: readonly DatasetRecord[], extra: string) =>
	extra ? `${datasetsBasis(datasets)}#${extra}` : datasetsBasis(datasets);

/**
 * Stores what an analysis of `datasets` found; a failure only costs the tile its figures. Outside the
 * write lock, so a page's analysis never waits for a backup: a record written around a backup or a
 * restore describes the files it names, and the tile checks those against the files present.
 */
export async function writeSummary(
	module: string,
	version: number,
	datasets: readonly DatasetRecord[],
	figures: Record<string, number>,
	/** What else the figures were computed from (e.g. a module's manual entries), as one string. */
	extra = ''
): Promise<void> {
	const record: SummaryRecord = {
		module,
		version,
		basis: basisOf(datasets, extra),
		computedAt: Date.now(),
		figures
	};
	try {
		await db.summaries.put(record);
	} catch (err) {
		console.error('Résumé de la tuile non enregistré', err);
	}
}

/** The module's figures if they were computed from exactly these files by this version, else null. */
export async function freshSummary(
	module: string,
	version: number,
	datasets: readonly DatasetRecord[],
	extra = ''
): Promise<Record<string, number> | null> {
	const record = await db.summaries.get(module);
	if (!record || record.version !== version || record.basis !== basisOf(datasets, extra)) return null;
	return record.figures;
}
