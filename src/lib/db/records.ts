/** Record shapes stored in IndexedDB. Money is integer cents, days are ISO `YYYY-MM-DD`, times epoch ms. */

/** One uploaded file and the rows parsed from it (rows live in chunk records). */
export interface DatasetRecord {
	id: string;
	/** Which input of the module it fills (e.g. `predict`, `classic`, `facture`, `3pl`). */
	slot: string;
	fileName: string;
	/** SHA-256 (hex) of the original bytes: the same file twice is "déjà importé". */
	sha256: string;
	/**
	 * CRC-32 of the same bytes, computed with the SHA-256 at import: a backup writes `original` as a
	 * ZIP entry from these two without reading it. Absent on records older than it (filled lazily).
	 */
	crc32?: number;
	original: Blob;
	size: number;
	/** Business month `YYYY-MM`, detected then confirmed by the user; null when not applicable. */
	period: string | null;
	rowCount: number;
	chunkCount: number;
	columns: string[];
	importedAt: number;
	/** First and last day found in the rows, when the format has dates. */
	dateRange: [string, string] | null;
	/** Lines the user chose to skip, with the reason, so nothing is dropped silently. */
	skipped: { line: number; reason: string }[];
	meta: Record<string, unknown>;
}

/**
 * A slice of a dataset's rows (2 000 of them, the last slice fewer), packed by `chunk-codec`: JSON,
 * UTF-8, raw deflate (`unpackRows(data)` gives the rows back). Each row keeps `_line`, its line in
 * the source file. Before schema v2 the rows were stored as objects (`rows: Row[]`).
 */
export interface ChunkRecord {
	datasetId: string;
	/** Position of the slice in the file, from 0: rows are read back in `index` order. */
	index: number;
	rowCount: number;
	data: Uint8Array<ArrayBuffer>;
}

export type ClaimStatus = 'À constituer' | 'En attente' | 'Acceptée' | 'Reçue' | 'Refusée';

export interface ClaimHistoryEntry {
	at: number;
	by: string;
	field: string;
	from: unknown;
	to: unknown;
}

export interface ClaimRecord {
	id: string;
	date: string;
	tracking: string;
	partner: string;
	originOrder: string;
	partnerOrder: string;
	carrier: string;
	motif: string;
	/** Free text when the motif is "Autre". */
	motifOther: string;
	amountCents: number;
	status: ClaimStatus;
	notes: string;
	shippingDate: string | null;
	incidentDate: string | null;
	filedDate: string | null;
	paidDate: string | null;
	createdAt: number;
	updatedAt: number;
	history: ClaimHistoryEntry[];
	/** Items of the motif's evidence checklist the user ticked as gathered. */
	evidence?: string[];
}

export interface ClaimAttachmentRecord {
	id: string;
	claimId: string;
	name: string;
	type: string;
	size: number;
	sha256: string;
	/** CRC-32 of `blob`, computed with its SHA-256 (see DatasetRecord.crc32). */
	crc32?: number;
	blob: Blob;
	addedAt: number;
}

/**
 * A file an archived analysis was computed from, named by its content: the SHA-256 of its original
 * (DatasetRecord.sha256), the same on every device — a dataset's `id` is not (team sync imports the
 * file again under another id).
 */
export interface ArchiveSource {
	sha256: string;
	fileName: string;
}

/** An analysis archived in the Bibliothèque: a frozen, plain result object. */
export interface LibraryRecord {
	id: string;
	module: string;
	period: string;
	title: string;
	createdAt: number;
	rowCount: number;
	dateRange: [string, string] | null;
	partners: string[];
	/**
	 * Its source files (schema v4; before, `datasetIds`: this device's dataset ids). A file already
	 * deleted when v4 upgraded the archive is not listed (see migrations/v4-archive-sources.ts).
	 */
	sources: ArchiveSource[];
	result: unknown;
}

export interface AttendusManualRecord {
	id: string;
	client: string;
	attendu: string;
	paletteMulti: number;
	paletteMono: number;
	carton: number;
	createdAt: number;
}

export interface AttendusClientRecord {
	name: string;
	createdAt: number;
}

export interface SettingRecord {
	key: string;
	value: unknown;
	updatedAt: number;
}

export interface BackupHistoryRecord {
	id: string;
	createdAt: number;
	fileName: string;
	size: number;
	/** How it left the app: downloaded, saved through the picker, shared, or only created. */
	delivery: 'picker' | 'download' | 'share' | 'none';
	tables: Record<string, number>;
	encrypted: boolean;
}

/** A safety or automatic snapshot: a backup ZIP kept in the browser. Never itself backed up. */
export interface SnapshotRecord {
	id: string;
	createdAt: number;
	reason: string;
	kind: 'safety' | 'auto';
	size: number;
	zip: Blob;
	tables: Record<string, number>;
}

/**
 * What a module's analysis found, written each time it runs, for its home tile (which never re-runs
 * it). Recomputable and device-local: never backed up nor synced. `basis` fingerprints the files it
 * was computed from (`summaries.repository` `datasetsBasis`); a record whose basis or `version` no
 * longer matches is stale and ignored.
 */
export interface SummaryRecord {
	module: string;
	/** The figures' meaning: raised when the analysis changes what they count. */
	version: number;
	basis: string;
	computedAt: number;
	figures: Record<string, number>;
}
