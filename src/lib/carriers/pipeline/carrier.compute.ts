/** The analysis of a carrier's stored records: no UI dependency, so the analysis worker runs it too. */
import type { DatasetRecord } from '$lib/db/records';
import { listPeriods, loadLookup } from '$lib/logisticiens/logisticiens.repository';
import { windowFor } from '$lib/logisticiens/threepl.lookup';
import { analyseCarrier } from './carrier.analysis';
import { carrierFiles } from './carrier.repository';
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

/** The analysis of everything stored for a carrier against a 3PL window, on this thread (the worker runs this). */
export async function computeHere<Row, L extends BilledLine, R>(
	module: CarrierModule<Row, L, R>,
	chosenWindow: string[] | null
): Promise<ComputedAnalysis<L, R>> {
	const files = await carrierFiles<Row>(module.store);
	const dated = defaultWindow(files.map((f) => f.dataset));
	// No date to go by (e.g. Colis Privé's 4-column CSV): the latest periods held rather than none.
	const automaticWindow =
		dated.length || !files.length ? dated : (await listPeriods()).slice(0, UNDATED_PERIODS).reverse();
	const window = chosenWindow ?? automaticWindow;
	const lookup = await loadLookup(window);
	const analysis = analyseCarrier(module, files, lookup, window);
	return { files: files.map(({ dataset }) => ({ dataset })), automaticWindow, analysis };
}
