/** The analysis of a carrier's stored records: no UI dependency, so the analysis worker runs it too. */
import type { DatasetRecord } from '$lib/db/records';
import type { DatasetStore } from '$lib/db/schema';
import { PilotError } from '$lib/i18n/errors';
import { listPeriods, loadLookup } from '$lib/logisticiens/logisticiens.repository';
import { windowFor } from '$lib/logisticiens/threepl.lookup';
import type { ThreePLLookup } from '$lib/logisticiens/threepl.types';
import { analyseCarrier } from './carrier.analysis';
import { datasetFiles } from '$lib/intake/datasets.repository';
import type { Analysis, BilledLine, CarrierModule, InvoiceFile } from './carrier.types';

/** The 3PL months an invoice needs, from its files' date ranges (RULINGS 4). */
export function defaultWindow(datasets: Pick<DatasetRecord, 'dateRange'>[]): string[] {
	return windowFor(datasets.flatMap((d) => d.dateRange ?? []));
}

/** Periods taken when the invoice carries no date at all (the legacy's "3 most recent files"). */
export const UNDATED_PERIODS = 3;

export interface ComputedAnalysis<L extends BilledLine, R> {
	/** The stored files the analysis covers (rows not kept: the analysis holds the lines). */
	files: Pick<InvoiceFile, 'dataset'>[];
	analysis: Analysis<L, R>;
	/** The window computed from the invoice dates (the user may have chosen another). */
	automaticWindow: string[];
}

/** Where an analysis gets its stored rows: IndexedDB on each run, or the analysis worker's cache. */
export interface AnalysisReads {
	files<Row>(store: DatasetStore): Promise<InvoiceFile<Row>[]>;
	lookup(periods: string[]): Promise<ThreePLLookup>;
}

export const STORED_READS: AnalysisReads = { files: datasetFiles, lookup: loadLookup };

/**
 * The analysis of everything stored for a carrier against a 3PL window, on this thread (the worker runs
 * this). An aborted `signal` stops it before the matching, the one long step that cannot be interrupted.
 */
export async function computeHere<Row, L extends BilledLine, R>(
	module: CarrierModule<Row, L, R>,
	chosenWindow: string[] | null,
	reads: AnalysisReads = STORED_READS,
	signal?: AbortSignal
): Promise<ComputedAnalysis<L, R>> {
	const files = await reads.files<Row>(module.store);
	const dated = defaultWindow(files.map((f) => f.dataset));
	// No date to go by (e.g. Colis Privé's 4-column CSV): the latest periods held rather than none.
	const automaticWindow =
		dated.length || !files.length ? dated : (await listPeriods()).slice(0, UNDATED_PERIODS).reverse();
	const window = chosenWindow ?? automaticWindow;
	const lookup = await reads.lookup(window);
	if (signal?.aborted) throw new PilotError('cancelled');
	const analysis = analyseCarrier(module, files, lookup, window);
	return { files: files.map(({ dataset }) => ({ dataset })), automaticWindow, analysis };
}
