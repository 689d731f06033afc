/** Dexie reads of the Retours module: its stored exports (datasets + chunks) and its archived analyses. */
import { archivedAnalyses, carrierFiles } from '$lib/carriers/pipeline/carrier.repository';
import { db } from '$lib/db/pilot-db';
import type { DatasetRecord, LibraryRecord } from '$lib/db/records';
import { listDatasets } from '$lib/intake/datasets.repository';
import { plural } from '$lib/i18n/format';
import { analyseRetours, type RetoursAnalysis } from './retours.analysis';
import type { RetourRow } from './retours.parser';

export const RETOURS_STORE = 'retours' as const;

export function retoursDatasets(): Promise<DatasetRecord[]> {
	return listDatasets(RETOURS_STORE);
}

/** The analysis of every stored export, recomputed from the records (results survive a reload). */
export async function loadRetoursAnalysis(): Promise<RetoursAnalysis> {
	return analyseRetours(await carrierFiles<RetourRow>(RETOURS_STORE));
}

export function retoursArchives(): Promise<LibraryRecord[]> {
	return archivedAnalyses(RETOURS_STORE);
}

/** The home tile: "1 période · 1 fichier · 55 retours · 8 clients · 127 produits". */
export async function retoursTileSummary(): Promise<string> {
	const datasets = await db.datasets(RETOURS_STORE).toArray();
	if (!datasets.length) return 'Aucun fichier';
	const a = await loadRetoursAnalysis();
	const periods = new Set(datasets.map((d) => d.period).filter(Boolean)).size;
	return [
		...(periods ? [plural(periods, 'période')] : []),
		plural(datasets.length, 'fichier'),
		plural(a.totalReturns, 'retour'),
		plural(a.clients, 'client'),
		plural(a.products, 'produit')
	].join(' · ');
}
