/** The backup archive's layout and manifest (docs/backup-format.md is the reference). */
import { version } from '../../../package.json';

export const FORMAT_NAME = 'pilot-backup';
/** Bumped when the archive layout changes; older versions are migrated in backup-migrations.ts. */
export const FORMAT_VERSION = 2;
export const ENCRYPTED_FORMAT_NAME = 'pilot-backup-encrypted';

export const MANIFEST_ENTRY = 'manifest.json';
export const README_ENTRY = 'LISEZMOI.txt';
export const PAYLOAD_ENTRY = 'payload.bin';
export const tableEntry = (table: string) => `tables/${table}.ndjson`;
export const tableName = (entry: string) => entry.slice('tables/'.length, -'.ndjson'.length);
export const BLOB_PREFIX = 'blobs/';
/** Blobs and large binary values, stored once under the SHA-256 of their bytes. */
export const blobEntry = (sha256: string) => `${BLOB_PREFIX}${sha256}`;

export interface PrimaryKeyInfo {
	/** null for tables whose keys live outside the records: their lines are `{ key, value }`. */
	keyPath: string | string[] | null;
	auto: boolean;
}

export interface ManifestTable {
	owner: string;
	label: string;
	rows: number;
	/** Byte size of the table's NDJSON file (uncompressed). */
	bytes: number;
	/** SHA-256 (hex) of the table's NDJSON file. */
	sha256: string;
	/** Dexie schema string of the table when it was saved. */
	schema: string;
	primKey: PrimaryKeyInfo;
	/** Entries (Blobs and binary values) referenced by the table's records. */
	blobs: number;
	blobBytes: number;
}

export interface Manifest {
	format: typeof FORMAT_NAME;
	formatVersion: number;
	appVersion: string;
	schemaVersion: number;
	createdAt: string;
	encrypted: false;
	tables: Record<string, ManifestTable>;
	excluded: Record<string, { owner: string; label: string; reason: string }>;
	/** Entries holding Blobs (uploaded originals, attachments). */
	blobs: { count: number; bytes: number };
	/** Entries holding binary values (packed chunk rows); format 2. */
	binaries?: { count: number; bytes: number };
	totals: { rows: number; bytes: number };
}

/** The outer manifest of an encrypted backup: how to derive the key, and nothing about the data. */
export interface EncryptedManifest {
	format: typeof ENCRYPTED_FORMAT_NAME;
	formatVersion: number;
	encrypted: true;
	cipher: 'AES-GCM';
	kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
	iv: string;
}

/** pilot_GREENLOG_backup_YYYYMMDD_HHMMSS.zip, local time, the legacy app's name. */
export function backupFileName(at: Date): string {
	const p = (n: number) => String(n).padStart(2, '0');
	const day = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}`;
	const time = `${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
	return `pilot_GREENLOG_backup_${day}_${time}.zip`;
}

export const APP_VERSION: string = version;
