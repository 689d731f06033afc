/** Dexie reads of the carrier pipeline: a carrier's stored files, its archived analyses. */
import { db } from '$lib/db/pilot-db';
import type { DatasetRecord, LibraryRecord } from '$lib/db/records';
import type { DatasetStore } from '$lib/db/schema';
import { datasetRows, listDatasets } from '$lib/intake/datasets.repository';
import type { InvoiceFile } from './carrier.types';

export function carrierDatasets(store: DatasetStore): Promise<DatasetRecord[]> {
	return listDatasets(store);
}

/** Every stored file of a carrier with its rows, in upload order. */
export async function carrierFiles<Row>(store: DatasetStore): Promise<InvoiceFile<Row>[]> {
	const datasets = await listDatasets(store);
	return Promise.all(
		datasets.map(async (dataset) => ({ dataset, rows: await datasetRows<Row>(store, dataset.id) }))
	);
}

/** A carrier's analyses in the Bibliothèque, newest first. */
export async function archivedAnalyses(module: string): Promise<LibraryRecord[]> {
	const records = await db.library.where('module').equals(module).toArray();
	return records.sort((a, b) => b.createdAt - a.createdAt);
}

/** A module's analyses filed under one period (what an automatic archive replaces). */
export function archivesOf(module: string, period: string): Promise<LibraryRecord[]> {
	return db.library
		.where('module')
		.equals(module)
		.filter((r) => r.period === period)
		.toArray();
}
