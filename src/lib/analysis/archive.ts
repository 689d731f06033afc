/**
 * An analysis as the Bibliothèque keeps it (`LibraryRecord.result`): its KPIs and tables rendered to plain
 * values, readable without the module's code. Carriers (carrier.archive.ts) and Retours (retours.archive.ts)
 * freeze theirs into it; `ArchivedAnalysisView` shows it.
 */
import type { PipelineSummary } from '$lib/carriers/pipeline/carrier.types';
import type { ArchiveSource, DatasetRecord } from '$lib/db/records';
import type { PartnerMonthCost } from './partner-cost';
import type { FrozenTable } from './table-rows';

export interface ArchivedAnalysis {
	carrier: string;
	label: string;
	window: string[];
	kpis: { label: string; value: string; hint?: string }[];
	/** The carrier pipeline's figures, as computed (Retours fills in its counts, 0 elsewhere). */
	summary: PipelineSummary;
	costs: PartnerMonthCost[];
	tables: ({ tab: string; id: string; title: string } & FrozenTable)[];
	/**
	 * Its files as shown. `sha256` names the file by content (schema v4; before, `datasetId`); it is
	 * absent for a file already deleted when v4 upgraded the archive.
	 */
	files: { sha256?: string; fileName: string; slot: string; rowCount: number }[];
	/** What its rows and files are, when not billed lines and invoices (e.g. returns, WMS exports). */
	rowUnit?: [singular: string, plural: string];
	filesLabel?: string;
}

type ArchivedFile = Pick<DatasetRecord, 'sha256' | 'fileName' | 'slot' | 'rowCount'>;

/** The files of an archive as its view lists them, named by content (the same on every device of a team). */
export function archivedFiles(datasets: ArchivedFile[]): ArchivedAnalysis['files'] {
	return datasets.map((d) => ({
		sha256: d.sha256,
		fileName: d.fileName,
		slot: d.slot,
		rowCount: d.rowCount
	}));
}

/** The record's sources: the same files, by content. */
export function archiveSources(datasets: ArchivedFile[]): ArchiveSource[] {
	return datasets.map((d) => ({ sha256: d.sha256, fileName: d.fileName }));
}
