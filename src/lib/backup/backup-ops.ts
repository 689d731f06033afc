/**
 * The CPU-heavy half of backup and restore (serialise, hash, zip, encrypt; unzip, verify,
 * decode), as one object the backup worker exposes and Node tests call directly.
 */
import { BackupWriter, type FinishInfo, type TableStart } from './backup-writer';
import { encryptBackup } from './backup-crypto';
import { readBackup, type ParsedBackup, type ReadOptions } from './backup-reader';
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
	read(file: Blob, options: Omit<ReadOptions, 'onProgress'>): Promise<ParsedBackup>;
}

export function createBackupOps(onProgress?: (done: number, total: number) => void): BackupOps {
	let writer: BackupWriter | null = null;
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
			current().startTable(info);
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
		read(file, options) {
			return readBackup(file, { ...options, onProgress });
		}
	};
}
