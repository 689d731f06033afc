/**
 * Every schema version, in order. A version is never edited once released: a change is a new
 * version, with its upgrade in `migrations/` and a test.
 */
import { CARRIERS } from '$lib/carriers';
import type { AnyCarrierModule } from '$lib/carriers/pipeline/carrier.types';

/**
 * Modules whose bulk rows are stored as datasets + chunk records: table prefix → owning module. The
 * carriers' prefixes are their `store` (stored names: `mondialRelay`, `colisPrive`, never renamed).
 */
export function datasetStores(carriers: readonly AnyCarrierModule[]): Record<string, string> {
	return {
		logisticiens: 'logisticiens',
		...Object.fromEntries(carriers.map((c) => [c.store, c.id])),
		retours: 'retours',
		attendus: 'attendus'
	};
}

export const DATASET_STORES = datasetStores(CARRIERS);

/** A table prefix of DATASET_STORES (`dpd` → `dpdDatasets`, `dpdChunks`). */
export type DatasetStore = string;

export function datasetTables(stores: Record<string, string>): Record<string, string> {
	const tables: Record<string, string> = {};
	for (const key of Object.keys(stores)) {
		tables[`${key}Datasets`] = 'id, sha256, period, importedAt, slot';
		tables[`${key}Chunks`] = '[datasetId+index], datasetId';
	}
	return tables;
}

export const SCHEMA_V1: Record<string, string> = {
	...datasetTables(DATASET_STORES),
	library: 'id, module, period, createdAt',
	claims: 'id, tracking, status, carrier, partner, date, updatedAt',
	claimAttachments: 'id, claimId, sha256',
	attendusManual: 'id, client, createdAt',
	attendusClients: 'name',
	settings: 'key',
	backupHistory: 'id, createdAt',
	snapshots: 'id, createdAt, kind'
};

/**
 * v2: chunk records hold their rows packed (`{ rowCount, data }`, see records.ts `ChunkRecord`)
 * instead of `rows` objects. No store or index changes (Dexie carries every earlier spec forward);
 * the records are rewritten by migrations/v2-packed-chunks.ts.
 */
export const SCHEMA_V2: Record<string, string | null> = {};

/**
 * v3: `summaries`, one small record per module written when its analysis runs, which its home tile
 * reads instead of the rows (records.ts `SummaryRecord`). A new, empty store: no upgrade.
 */
export const SCHEMA_V3: Record<string, string | null> = { summaries: 'module' };

/**
 * v4: a library archive names its source files by SHA-256 (`sources`, and `sha256` in its result's
 * `files`) instead of this device's dataset ids, which mean nothing on the other devices of a team.
 * No store or index changes; the records are rewritten by migrations/v4-archive-sources.ts.
 */
export const SCHEMA_V4: Record<string, string | null> = {};

export const SCHEMA_VERSIONS: { version: number; stores: Record<string, string | null> }[] = [
	{ version: 1, stores: SCHEMA_V1 },
	{ version: 2, stores: SCHEMA_V2 },
	{ version: 3, stores: SCHEMA_V3 },
	{ version: 4, stores: SCHEMA_V4 }
];

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].version;
