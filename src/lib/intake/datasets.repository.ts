/** Dexie access for every bulk-row module: datasets (one per file) and their chunk records. */
import { unpackRows } from '$lib/db/chunk-codec';
import { db } from '$lib/db/pilot-db';
import type { ChunkRecord, DatasetRecord } from '$lib/db/records';
import type { DatasetStore } from '$lib/db/schema';
import { withWrite } from '$lib/db/write-lock';

/** Rows of one dataset in file order (each keeps `_line`), unpacked chunk by chunk. */
export async function datasetRows<T = Record<string, unknown>>(
	store: DatasetStore,
	datasetId: string
): Promise<T[]> {
	const chunks = await db
		.chunks(store)
		.where('[datasetId+index]')
		.between([datasetId, -Infinity], [datasetId, Infinity])
		.toArray();
	// The key range yields chunks by index, and Promise.all keeps that order.
	const slices = await Promise.all(chunks.map((c) => unpackRows<T>(c.data)));
	return slices.flat();
}

export function listDatasets(store: DatasetStore, slot?: string): Promise<DatasetRecord[]> {
	const all = slot ? db.datasets(store).where('slot').equals(slot) : db.datasets(store).toCollection();
	return all.sortBy('importedAt');
}

/** Every stored file of a store with its rows, in upload order. */
export async function datasetFiles<Row>(
	store: DatasetStore
): Promise<{ dataset: DatasetRecord; rows: Row[] }[]> {
	const datasets = await listDatasets(store);
	return Promise.all(
		datasets.map(async (dataset) => ({ dataset, rows: await datasetRows<Row>(store, dataset.id) }))
	);
}

export function findBySha(store: DatasetStore, sha256: string): Promise<DatasetRecord | undefined> {
	return db.datasets(store).where('sha256').equals(sha256).first();
}

/** Datasets and their chunks as stored, to put back on "Annuler". */
export interface DatasetBundle {
	datasets: DatasetRecord[];
	chunks: ChunkRecord[];
}

export async function readBundle(store: DatasetStore, ids: string[]): Promise<DatasetBundle> {
	const datasets = (await db.datasets(store).bulkGet(ids)).filter((d): d is DatasetRecord => !!d);
	const chunks = await db.chunks(store).where('datasetId').anyOf(ids).toArray();
	return { datasets, chunks };
}

/** Deletes datasets and their rows in one transaction. */
export function deleteDatasets(store: DatasetStore, ids: string[]): Promise<void> {
	return withWrite([db.datasets(store), db.chunks(store)], async () => {
		await db.chunks(store).where('datasetId').anyOf(ids).delete();
		await db.datasets(store).bulkDelete(ids);
	});
}

export function putBundle(store: DatasetStore, bundle: DatasetBundle): Promise<void> {
	return withWrite([db.datasets(store), db.chunks(store)], async () => {
		await db.datasets(store).bulkPut(bundle.datasets);
		await db.chunks(store).bulkPut(bundle.chunks);
	});
}
