/** Dexie access for the 3PL library: files by period, rows, and the lookups every module matches with. */
import { db } from '$lib/db/pilot-db';
import type { DatasetRecord } from '$lib/db/records';
import { datasetRows } from '$lib/intake/datasets.repository';
import { buildLookup } from './threepl.lookup';
import type { ThreePLLookup, ThreePLMatch, ThreePLRow } from './threepl.types';

export const STORE = 'logisticiens' as const;
export const SLOT = '3pl';

/** A dataset's rows never change once stored (only deleted): parse-once, read-once per session. */
const rowCache = new Map<string, Promise<ThreePLRow[]>>();

function rowsOf(dataset: DatasetRecord): Promise<ThreePLRow[]> {
	let rows = rowCache.get(dataset.id);
	if (!rows) {
		rows = datasetRows<ThreePLRow>(STORE, dataset.id);
		rowCache.set(dataset.id, rows);
		rows.catch(() => rowCache.delete(dataset.id));
	}
	return rows;
}

export function listFiles(): Promise<DatasetRecord[]> {
	return db.datasets(STORE).orderBy('importedAt').toArray();
}

/** Periods held, newest first. */
export async function listPeriods(): Promise<string[]> {
	const keys = (await db.datasets(STORE).orderBy('period').uniqueKeys()) as string[];
	return keys.filter(Boolean).reverse();
}

async function lookupOf(datasets: DatasetRecord[]): Promise<ThreePLLookup> {
	const live = new Set(datasets.map((d) => d.id));
	for (const id of rowCache.keys()) if (!live.has(id)) rowCache.delete(id);
	const sets = await Promise.all(datasets.map(async (dataset) => ({ dataset, rows: await rowsOf(dataset) })));
	return buildLookup(sets);
}

/** The lookup over the files of these periods ('YYYY-MM'), e.g. windowFor(invoice days). */
export async function loadLookup(periods: string[]): Promise<ThreePLLookup> {
	const datasets = periods.length ? await db.datasets(STORE).where('period').anyOf(periods).toArray() : [];
	return lookupOf(datasets);
}

/** Every period, for a claim's auto-fill: the row of the latest period wins. */
export async function findByTracking(tracking: string): Promise<ThreePLMatch | undefined> {
	return (await lookupOf(await listFiles())).get(tracking);
}
