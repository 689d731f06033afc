/**
 * Every schema version, in order. A version is never edited once released: a change is a new
 * version, with its upgrade in `migrations/` and a test.
 */

/** Modules whose bulk rows are stored as datasets + chunk records. */
export const DATASET_STORES = {
	logisticiens: 'logisticiens',
	dpd: 'dpd',
	chronopost: 'chronopost',
	dhl: 'dhl',
	colissimo: 'colissimo',
	mondialRelay: 'mondial-relay',
	colisPrive: 'colis-prive',
	retours: 'retours',
	attendus: 'attendus'
} as const;

export type DatasetStore = keyof typeof DATASET_STORES;

function datasetTables(): Record<string, string> {
	const stores: Record<string, string> = {};
	for (const key of Object.keys(DATASET_STORES)) {
		stores[`${key}Datasets`] = 'id, sha256, period, importedAt, slot';
		stores[`${key}Chunks`] = '[datasetId+index], datasetId';
	}
	return stores;
}

export const SCHEMA_V1: Record<string, string> = {
	...datasetTables(),
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

export const SCHEMA_VERSIONS: { version: number; stores: Record<string, string | null> }[] = [
	{ version: 1, stores: SCHEMA_V1 },
	{ version: 2, stores: SCHEMA_V2 }
];

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].version;
