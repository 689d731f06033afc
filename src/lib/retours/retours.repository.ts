/** Dexie reads of the Retours module: its stored exports (datasets + chunks) and its archived analyses. */
import { archivedAnalyses } from '$lib/library/library.repository';
import type { DatasetRecord, LibraryRecord } from '$lib/db/records';
import { freshSummary, writeSummary } from '$lib/db/summaries.repository';
import { datasetFiles, listDatasets } from '$lib/intake/datasets.repository';
import { plural } from '$lib/i18n/format';
import { analyseRetours, type RetoursAnalysis } from './retours.analysis';
import type { RetourRow } from './retours.parser';

export const RETOURS_STORE = 'retours' as const;

export function retoursDatasets(): Promise<DatasetRecord[]> {
	return listDatasets(RETOURS_STORE);
}

/** What the summary's figures mean (raise it when the analysis counts differently). */
const SUMMARY_VERSION = 1;

/**
 * The analysis of every stored export, recomputed from the records (results survive a reload). Its
 * figures are kept as the module's summary record, for the home tile.
 */
export async function loadRetoursAnalysis(): Promise<RetoursAnalysis> {
	const files = await datasetFiles<RetourRow>(RETOURS_STORE);
	const a = analyseRetours(files);
	await writeSummary(
		RETOURS_STORE,
		SUMMARY_VERSION,
		files.map((f) => f.dataset),
		{ returns: a.totalReturns, clients: a.clients, products: a.products }
	);
	return a;
}

export function retoursArchives(): Promise<LibraryRecord[]> {
	return archivedAnalyses(RETOURS_STORE);
}

/**
 * The home tile: "1 période · 1 fichier · 55 retours · 8 clients · 127 produits", from the summary the
 * last analysis wrote (no row is read). Until the page analyses the current files, the files' own
 * counts: "1 période · 1 fichier · 107 lignes".
 */
export async function retoursTileSummary(): Promise<string> {
	const datasets = await retoursDatasets();
	if (!datasets.length) return 'Aucun fichier';
	const periods = new Set(datasets.map((d) => d.period).filter(Boolean)).size;
	const figures = await freshSummary(RETOURS_STORE, SUMMARY_VERSION, datasets);
	return [
		...(periods ? [plural(periods, 'période')] : []),
		plural(datasets.length, 'fichier'),
		...(figures
			? [
					plural(figures.returns, 'retour'),
					plural(figures.clients, 'client'),
					plural(figures.products, 'produit')
				]
			: [
					plural(
						datasets.reduce((n, d) => n + d.rowCount, 0),
						'ligne'
					)
				])
	].join(' · ');
}
