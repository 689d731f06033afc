import type {
	AttendusClientRecord,
	AttendusManualRecord,
	BackupHistoryRecord,
	ChunkRecord,
	ClaimAttachmentRecord,
	ClaimRecord,
	DatasetRecord,
	LibraryRecord,
	SettingRecord,
	SnapshotRecord
} from '../records';
import { packRowsSync } from '../chunk-codec';
import type { RowsChunkV1 } from './v2-packed-chunks';
import type { LibraryRecordV2 } from './v4-archive-sources';

/**
 * Representative records per table, for the migration harness: realistic shapes (French text,
 * cents, ISO days, Blobs, nested rows) so an upgrade that loses or mangles a field is caught.
 * Tables without a sample here get a generic one built from their schema.
 */
const at = Date.UTC(2026, 10, 27, 9, 30);

function dataset(table: string, i: number): DatasetRecord {
	return {
		id: `${table}-ds-${i}`,
		slot: i ? 'classic' : 'predict',
		fileName: `Facture novembre ${i} — éè.xlsx`,
		sha256: `${i}`.padStart(64, 'a'),
		original: new Blob([`contenu ${table} ${i}`], { type: 'application/octet-stream' }),
		size: 17 + i,
		period: '2026-11',
		rowCount: 2,
		chunkCount: 1,
		columns: ['Tracking', 'Montant'],
		importedAt: at + i,
		dateRange: ['2026-11-01', '2026-11-30'],
		skipped: [{ line: 4, reason: 'Ligne vide' }],
		meta: { encoding: 'windows-1252', separator: ';' }
	};
}

/** A chunk record as `version` stored it: rows as objects up to v1, packed from v2. */
function chunk(table: string, i: number, version: number): RowsChunkV1 | ChunkRecord {
	const rows: RowsChunkV1 = {
		datasetId: `${table.replace(/Chunks$/, 'Datasets')}-ds-0`,
		index: i,
		rows: [
			{ _line: 2 + i * 2, tracking: `250${i}123456789`, amountCents: 1234, day: '2026-11-03' },
			{ _line: 3 + i * 2, tracking: `250${i}987654321`, amountCents: -56, day: '2026-11-04', partner: null }
		]
	};
	return version < 2 ? rows : packed(rows);
}

/** Written here rather than borrowed from the migration, so that a slip in it shows. */
function packed({ datasetId, index, rows }: RowsChunkV1): ChunkRecord {
	return { datasetId, index, rowCount: rows.length, data: packRowsSync(rows) };
}

/**
 * What each upgrade does on purpose to a record written before it, by the version it leads to:
 * the record expected after it. Records it does not list come through unchanged.
 */
const UPGRADES: Record<number, (table: string, record: object) => object> = {
	2: (table, record) => (table.endsWith('Chunks') ? packed(record as RowsChunkV1) : record),
	4: (table, record) =>
		table === 'library' ? library(Number((record as LibraryRecord).id.slice('lib-'.length)), 4) : record
};

/** `record`, written at schema `from`, as it must read once upgraded to schema `to`. */
export function expectedAfterUpgrade(table: string, record: object, from: number, to: number): object {
	let expected = record;
	for (let v = from + 1; v <= to; v++) expected = UPGRADES[v]?.(table, expected) ?? expected;
	return expected;
}

const SAMPLES: Record<string, (i: number) => object> = {
	claims: (i): ClaimRecord => ({
		id: `claim-${i}`,
		date: '2026-11-27',
		tracking: `6A1234567890${i}`,
		partner: 'Boutique Éole',
		originOrder: `CMD-${i}`,
		partnerOrder: `P-${i}`,
		carrier: 'Colissimo',
		motif: i ? 'Autre' : 'Colis perdu',
		motifOther: i ? 'Adresse illisible' : '',
		amountCents: 1000 + i,
		status: i ? 'Reçue' : 'En attente',
		notes: 'Relance le 02/12',
		shippingDate: '2026-11-20',
		incidentDate: null,
		filedDate: '2026-11-27',
		paidDate: i ? '2026-12-15' : null,
		createdAt: at,
		updatedAt: at + i,
		history: [{ at, by: 'Camille', field: 'status', from: 'À constituer', to: 'En attente' }]
	}),
	claimAttachments: (i): ClaimAttachmentRecord => ({
		id: `att-${i}`,
		claimId: 'claim-0',
		name: `photo-${i}.jpg`,
		type: 'image/jpeg',
		size: 4,
		sha256: `${i}`.padStart(64, 'b'),
		blob: new Blob([`jpg${i}`], { type: 'image/jpeg' }),
		addedAt: at
	}),
	attendusManual: (i): AttendusManualRecord => ({
		id: `att-man-${i}`,
		client: 'Boutique Éole',
		attendu: `ATT-${i}`,
		paletteMulti: 1,
		paletteMono: i,
		carton: 12,
		createdAt: at
	}),
	attendusClients: (i): AttendusClientRecord => ({ name: `Client ${i}`, createdAt: at }),
	settings: (i): SettingRecord => ({
		key: i ? 'claims.deadlines' : 'user.name',
		value: i ? { Colissimo: 30 } : 'Camille',
		updatedAt: at
	}),
	backupHistory: (i): BackupHistoryRecord => ({
		id: `bk-${i}`,
		createdAt: at + i,
		fileName: 'pilot_GREENLOG_backup_20261127_093000.zip',
		size: 2048,
		delivery: i ? 'download' : 'none',
		tables: { claims: 2 },
		encrypted: false
	}),
	snapshots: (i): SnapshotRecord => ({
		id: `snap-${i}`,
		createdAt: at + i,
		reason: 'Avant restauration',
		kind: 'safety',
		size: 3,
		zip: new Blob([`zip${i}`], { type: 'application/zip' }),
		tables: { claims: 2 }
	})
};

/** The first DPD dataset sample (`dataset('dpdDatasets', 0)`), as an archive names it from v4. */
const ARCHIVED = { fileName: 'Facture novembre 0 — éè.xlsx', slot: 'predict', rowCount: 2 };
const ARCHIVED_SHA256 = '0'.padStart(64, 'a');
/** A file deleted since it was archived: no dataset left to give its SHA-256. */
const DELETED = { fileName: 'Facture supprimée.csv', slot: 'classic', rowCount: 7 };

/** An archive of those two files as `version` stored it: by dataset ids up to v2, by SHA-256 from v4. */
function library(i: number, version: number): LibraryRecord | LibraryRecordV2 {
	const record = {
		id: `lib-${i}`,
		module: 'dpd',
		period: '2026-10',
		title: `DPD — Octobre 2026 (${i})`,
		createdAt: at,
		rowCount: 2,
		dateRange: ['2026-10-01', '2026-10-31'] as [string, string],
		partners: ['Boutique Éole', 'NON ATTRIBUÉ']
	};
	const result = { totals: { 'Boutique Éole': 123456 }, lines: [{ tracking: 'x', amountCents: 1 }] };
	if (version < 4)
		return {
			...record,
			datasetIds: ['dpdDatasets-ds-0', 'dpdDatasets-deleted'],
			result: {
				...result,
				files: [
					{ datasetId: 'dpdDatasets-ds-0', ...ARCHIVED },
					{ datasetId: 'dpdDatasets-deleted', ...DELETED }
				]
			}
		};
	return {
		...record,
		sources: [{ sha256: ARCHIVED_SHA256, fileName: ARCHIVED.fileName }],
		result: { ...result, files: [{ sha256: ARCHIVED_SHA256, ...ARCHIVED }, DELETED] }
	};
}

/** Parses a Dexie store spec: its primary key and index specs, without the `++ & *` markers. */
export function parseSpec(spec: string): { primKey: string; indexes: string[] } {
	const [primKey, ...indexes] = spec.split(',').map((s) => s.trim().replace(/^(\+\+|&|\*)/, ''));
	return { primKey, indexes: indexes.filter(Boolean) };
}

function keyPaths(spec: string): string[] {
	return spec.startsWith('[') ? spec.slice(1, -1).split('+') : [spec];
}

/** A record for a table no sample describes: every key and index path filled with a distinct value. */
function generic(table: string, spec: string, i: number): object {
	const { primKey, indexes } = parseSpec(spec);
	const record: Record<string, unknown> = { label: `Exemple ${table} ${i} — é €`, amountCents: 100 + i };
	for (const path of [primKey, ...indexes].flatMap(keyPaths)) {
		if (path) setPath(record, path, `${table}-${path}-${i}`);
	}
	return record;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
	const parts = path.split('.');
	let node = target;
	for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
	node[parts[parts.length - 1]] = value;
}

/** Two representative records for `table` as declared by `spec`, in the shape of schema `version`. */
export function sampleRecords(table: string, spec: string, version: number): object[] {
	return [0, 1].map((i) => {
		if (table.endsWith('Datasets')) return dataset(table, i);
		if (table.endsWith('Chunks')) return chunk(table, i, version);
		if (table === 'library') return library(i, version);
		return SAMPLES[table]?.(i) ?? generic(table, spec, i);
	});
}
