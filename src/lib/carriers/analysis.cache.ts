/**
 * What the analysis worker keeps between runs, so a surcharge option or a 3PL window changed reads no
 * chunk again: each stored file's parsed rows under its fingerprint, and the last 3PL lookups built.
 * A run reads from IndexedDB only the files whose fingerprint it has not seen (a new import, a restored
 * file of another import); a file no longer stored is forgotten at the next run over its store, and only
 * the stores of the last runs are kept (the 3PL and two carriers).
 */
import type { DatasetRecord } from '$lib/db/records';
import type { DatasetStore } from '$lib/db/schema';
import { datasetRows, listDatasets } from '$lib/intake/datasets.repository';
import { db } from '$lib/db/pilot-db';
import { STORE as THREEPL_STORE } from '$lib/logisticiens/logisticiens.repository';
import { buildLookup } from '$lib/logisticiens/threepl.lookup';
import type { ThreePLLookup, ThreePLRow } from '$lib/logisticiens/threepl.types';
import type { AnalysisReads } from './pipeline/carrier.compute';
import type { InvoiceFile } from './pipeline/carrier.types';

const STORES_KEPT = 3;
const LOOKUPS_KEPT = 2;

/** A stored file's rows are the same while these are: a file stored again differs by one of them. */
export function datasetFingerprint(
	d: Pick<DatasetRecord, 'id' | 'importedAt' | 'sha256' | 'rowCount' | 'chunkCount'>
): string {
	return `${d.id}:${d.importedAt}:${d.sha256}:${d.rowCount}:${d.chunkCount}`;
}

/** Most recently used last, the least recent dropped past `kept`. */
function touch<K, V>(map: Map<K, V>, key: K, value: V, kept: number): V {
	map.delete(key);
	map.set(key, value);
	if (map.size > kept) map.delete(map.keys().next().value!);
	return value;
}

export class AnalysisCache implements AnalysisReads {
	/** Per store, each file's rows (a promise: two runs reading the same file share one read). */
	private stores = new Map<DatasetStore, Map<string, Promise<unknown[]>>>();
	/** 3PL lookups by the files and periods they cover, with those files' fingerprints. */
	private lookups = new Map<string, { fingerprints: string[]; lookup: Promise<ThreePLLookup> }>();

	/** The store's rows held, now only for the files of `stored` (every file of the store as it is now). */
	private heldOf(store: DatasetStore, stored: DatasetRecord[]): Map<string, Promise<unknown[]>> {
		const live = new Set(stored.map(datasetFingerprint));
		const held = this.stores.get(store) ?? new Map<string, Promise<unknown[]>>();
		for (const key of held.keys()) if (!live.has(key)) held.delete(key);
		return touch(this.stores, store, held, STORES_KEPT);
	}

	/** The files' rows, read from their chunks only for a fingerprint not held. */
	private rowsOf<Row>(store: DatasetStore, held: Map<string, Promise<unknown[]>>, wanted: DatasetRecord[]) {
		return Promise.all(
			wanted.map((dataset) => {
				const key = datasetFingerprint(dataset);
				const cached = held.get(key);
				if (cached) return cached as Promise<Row[]>;
				const read = datasetRows<Row>(store, dataset.id);
				held.set(key, read);
				read.catch(() => {
					if (held.get(key) === read) held.delete(key);
				});
				return read;
			})
		);
	}

	async files<Row>(store: DatasetStore): Promise<InvoiceFile<Row>[]> {
		const datasets = await listDatasets(store);
		const rows = await this.rowsOf<Row>(store, this.heldOf(store, datasets), datasets);
		return datasets.map((dataset, i) => ({ dataset, rows: rows[i] }));
	}

	/** The lookup `loadLookup` builds, over the same files in the same order, from the rows held. */
	async lookup(periods: string[]): Promise<ThreePLLookup> {
		const [stored, wanted] = await Promise.all([
			db.datasets(THREEPL_STORE).toArray(),
			periods.length ? db.datasets(THREEPL_STORE).where('period').anyOf(periods).toArray() : []
		]);
		const live = new Set(stored.map(datasetFingerprint));
		for (const [key, { fingerprints }] of this.lookups)
			if (fingerprints.some((f) => !live.has(f))) this.lookups.delete(key);
		// What buildLookup reads of a file besides its rows: a period corrected after import is a new lookup.
		const key = wanted.map((d) => `${datasetFingerprint(d)}:${d.period}:${d.fileName}`).join('|');
		const held = this.heldOf(THREEPL_STORE, stored);
		const cached = this.lookups.get(key);
		if (cached) return touch(this.lookups, key, cached, LOOKUPS_KEPT).lookup;
		const lookup = this.rowsOf<ThreePLRow>(THREEPL_STORE, held, wanted).then((rows) =>
			buildLookup(wanted.map((dataset, i) => ({ dataset, rows: rows[i] })))
		);
		touch(this.lookups, key, { fingerprints: wanted.map(datasetFingerprint), lookup }, LOOKUPS_KEPT);
		lookup.catch(() => {
			if (this.lookups.get(key)?.lookup === lookup) this.lookups.delete(key);
		});
		return lookup;
	}
}
