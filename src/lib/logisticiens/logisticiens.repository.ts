/** Dexie access for the 3PL library: files by period, rows, and the lookups every module matches with. */
import { db } from '$lib/db/pilot-db';
import type { DatasetRecord } from '$lib/db/records';
import { PilotError } from '$lib/i18n/errors';
import { datasetRows } from '$lib/intake/datasets.repository';
import { withWrite } from '$lib/db/write-lock';
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

/** The last lookups built, by the datasets they cover (a claim form asks once per tracking typed). */
const lookupCache = new Map<string, ThreePLLookup>();
const LOOKUPS_KEPT = 4;

async function lookupOf(datasets: DatasetRecord[]): Promise<ThreePLLookup> {
	const key = datasets
		.map((d) => `${d.id}:${d.period}`)
		.sort()
		.join('|');
	const cached = lookupCache.get(key);
	if (cached) return cached;
	const sets = await Promise.all(datasets.map(async (dataset) => ({ dataset, rows: await rowsOf(dataset) })));
	const lookup = buildLookup(sets);
	lookupCache.set(key, lookup);
	if (lookupCache.size > LOOKUPS_KEPT) lookupCache.delete(lookupCache.keys().next().value!);
	return lookup;
}

/** Forget rows of datasets that no longer exist (after a delete), so memory follows the library. */
function forgetDeleted(liveIds: string[]): void {
	const live = new Set(liveIds);
	for (const id of rowCache.keys()) if (!live.has(id)) rowCache.delete(id);
	for (const key of lookupCache.keys()) {
		if (key && key.split('|').some((part) => !live.has(part.split(':')[0]))) lookupCache.delete(key);
	}
}

/** The lookup over the files of these periods ('YYYY-MM'), e.g. windowFor(invoice days). */
export async function loadLookup(periods: string[]): Promise<ThreePLLookup> {
	const datasets = periods.length ? await db.datasets(STORE).where('period').anyOf(periods).toArray() : [];
	return lookupOf(datasets);
}

/** Every period, for a claim's auto-fill: the row of the latest period wins. */
export async function findByTracking(tracking: string): Promise<ThreePLMatch | undefined> {
	return (await loadAll()).get(tracking);
}

/** The lookup over every file of the library (conflicts listing, claims). */
export async function loadAll(): Promise<ThreePLLookup> {
	const files = await listFiles();
	forgetDeleted(files.map((d) => d.id));
	return lookupOf(files);
}

/** Files one period at a time: the user corrects a detected period after saving. */
export function setPeriod(datasetId: string, period: string): Promise<void> {
	return withWrite([db.datasets(STORE)], async () => {
		const updated = await db.datasets(STORE).update(datasetId, { period });
		if (!updated) throw new PilotError('not-found', { what: 'Fichier logisticien' });
	});
}
