/**
 * The CPU-heavy half of backup and restore (serialise, hash, zip, encrypt; unzip, verify,
 * decode), as one object the backup worker exposes and Node tests call directly.
 */
import { BackupWriter, type FinishInfo, type TableStart } from './backup-writer';
import { blobDigests } from './digests';
import { encryptBackup } from './backup-crypto';
import {
	readBackup,
	verifyEntries,
	type ParsedBackup,
	type ReadOptions,
	type VerifyEntriesOptions
} from './backup-reader';
import type { TableData } from './backup-tables';
import type { Manifest } from './backup-format';

export interface BackupResult {
	blob: Blob;
	manifest: Manifest;
	encrypted: boolean;
}

export interface BackupOps {
	start(): Promise<void>;
	startTable(info: TableStart): Promise<void>;
	addRecords(records: unknown[], keys?: unknown[]): Promise<number>;
	finish(info: FinishInfo, password?: string): Promise<BackupResult>;
	abort(): Promise<void>;
	/** SHA-256 and CRC-32 of a stored file whose record predates the CRC (read once, then kept). */
	digest(blob: Blob): Promise<{ sha256: string; crc32: number }>;
	/** Reads and verifies a file, keeps its records, and returns what it holds without them. */
	read(file: Blob, options: Omit<ReadOptions, 'onProgress'>): Promise<ReadSummary>;
	/**
	 * Records [from, to) of a table of the file last read: they cross to the page in slices, so
	 * that no single message takes the page's thread for long.
	 */
	take(table: string, from: number, to: number): Promise<TableData>;
	/** Forgets the records of the file last read. */
	drop(): Promise<void>;
	/** Checks the entries a read left unchecked (`ReadSummary.unchecked`), while a restore writes. */
	verifyEntries(file: Blob, options: VerifyEntriesOptions): Promise<void>;
}

export interface ReadSummary {
	manifest: Manifest;
	encrypted: boolean;
	/** Records per table, and whether the table's keys travel apart from its records. */
	tables: Record<string, { count: number; keyed: boolean }>;
	unchecked?: string[];
}

export function createBackupOps(onProgress?: (done: number, total: number) => void): BackupOps {
	let writer: BackupWriter | null = null;
	let held: ParsedBackup | null = null;
	const current = () => {
		if (!writer) throw new Error('Sauvegarde non commencée');
		return writer;
	};
	return {
		async start() {
			writer?.abort();
			writer = new BackupWriter();
		},
		async startTable(info) {
			await current().startTable(info);
		},
		async addRecords(records, keys) {
			const w = current();
			await w.addRecords(records, keys);
			return w.processed;
		},
		async finish(info, password) {
			const { blob, manifest } = await current().finish(info);
			writer = null;
			if (!password) return { blob, manifest, encrypted: false };
			return { blob: await encryptBackup(blob, password), manifest, encrypted: true };
		},
		async abort() {
			writer?.abort();
			writer = null;
		},
		digest: blobDigests,
		async read(file, options) {
			held = null;
			const parsed = await readBackup(file, { ...options, onProgress });
			held = parsed;
			const tables = Object.fromEntries(
				Object.entries(parsed.tables).map(([name, t]) => [name, { count: t.records.length, keyed: !!t.keys }])
			);
			return { manifest: parsed.manifest, encrypted: parsed.encrypted, tables, unchecked: parsed.unchecked };
		},
		async take(table, from, to) {
			const data = held?.tables[table];
			if (!data) throw new Error(`Table absente de la sauvegarde lue : ${table}`);
			return data.keys
				? { records: data.records.slice(from, to), keys: data.keys.slice(from, to) }
				: { records: data.records.slice(from, to) };
		},
		async drop() {
			held = null;
		},
		verifyEntries
	};
}
