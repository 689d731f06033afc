/**
 * Backup of any Dexie database, driven from the main thread: records are read in
 * read-only transactions that await only IndexedDB (chunked by primary-key ranges) and handed
 * to BackupOps (a Worker in the browser) for serialising, hashing and zipping (RULINGS 16).
 * The restore is in backup-restore.ts.
 */
import Dexie, { type IndexableType, type Table } from 'dexie';
import { holdWrites } from '$lib/db/write-lock';
import { TABLE_REGISTRY, type TableInfo } from '$lib/db/registry';
import { PilotError } from '$lib/i18n/errors';
import { backupFileName, type Manifest } from './backup-format';
import { openBackupOps, type OpsHandle } from './worker-client';
import { fileDigestsOf } from './file-digests';

export type RegistryLookup = (table: string) => TableInfo | undefined;
export const appRegistry: RegistryLookup = (name) => TABLE_REGISTRY[name];

/** A table absent from the registry (never in the app: a test enforces it) is still backed up. */
export function infoOf(registry: RegistryLookup, name: string): TableInfo {
	return registry(name) ?? { owner: 'parametres', label: name, backup: true };
}

export interface BackupProgress {
	phase: 'read' | 'zip' | 'verify';
	rows: number;
	totalRows: number;
	bytes: number;
	table?: string;
}

export interface CreateBackupOptions {
	registry?: RegistryLookup;
	password?: string;
	/** Run in a Web Worker (default where Worker exists). */
	worker?: boolean;
	/** Take the write lock (default). False when the caller already holds it. */
	lock?: boolean;
	/** Re-read the finished ZIP and check every checksum (default true). */
	verify?: boolean;
	signal?: AbortSignal;
	onProgress?: (progress: BackupProgress) => void;
	now?: Date;
}

export interface CreatedBackup {
	blob: Blob;
	manifest: Manifest;
	fileName: string;
	encrypted: boolean;
	verified: boolean;
	/** Where the time went: reading the tables (and writing entries), finishing the ZIP, verifying it. */
	timings: { readMs: number; zipMs: number; verifyMs: number };
}

function checkAbort(signal?: AbortSignal): void {
	if (signal?.aborted) throw new PilotError('cancelled');
}

/** Tables to back up, in a stable order, read from the live database (never a hand-kept list). */
export function backedUpTables(db: Dexie, registry: RegistryLookup = appRegistry): Table[] {
	return db.tables
		.filter((t) => infoOf(registry, t.name).backup)
		.sort((a, b) => a.name.localeCompare(b.name));
}

export function excludedTables(db: Dexie, registry: RegistryLookup = appRegistry): Manifest['excluded'] {
	const out: Manifest['excluded'] = {};
	for (const t of db.tables) {
		const info = infoOf(registry, t.name);
		if (!info.backup) {
			out[t.name] = {
				owner: info.owner,
				label: info.label,
				reason: info.excludedReason ?? 'Exclue de la sauvegarde'
			};
		}
	}
	return out;
}

const MIN_BATCH = 1;
const MAX_BATCH = 8192;
/** Target time of one read transaction: long enough to be efficient, short enough to keep 60 fps-ish. */
const TARGET_MS = 40;

/** Batches queued for the worker while the next ones are read: bounds memory, keeps both sides busy. */
const QUEUED_BATCHES = 2;

/** The next batch size: doubled when a batch was quick, halved when it was slow (also used by the restore). */
export function nextBatchSize(size: number, elapsedMs: number): number {
	if (elapsedMs < TARGET_MS / 2) return Math.min(MAX_BATCH, size * 2);
	if (elapsedMs > TARGET_MS * 2) return Math.max(MIN_BATCH, Math.floor(size / 2));
	return size;
}

/** Reads a table in batches; `send` queues each one (and waits while too many are queued). */
async function streamTable(
	table: Table,
	send: (rows: unknown[], keys?: unknown[]) => Promise<void>,
	onBatch: (rows: number) => void,
	signal?: AbortSignal
): Promise<void> {
	const keyPath = table.schema.primKey.keyPath;
	const outbound = keyPath === undefined || keyPath === null;
	let lower: IndexableType | undefined;
	// Start small (a record may be a 1 000-row chunk) and grow while reads stay quick.
	let size = 16;
	for (;;) {
		checkAbort(signal);
		const started = performance.now();
		const batch = await table.db.transaction('r', table, async () => {
			const range = () => (lower === undefined ? table.toCollection() : table.where(':id').above(lower));
			const rows = await range().limit(size).toArray();
			const keys = outbound ? await range().limit(size).primaryKeys() : undefined;
			return { rows, keys };
		});
		const elapsed = performance.now() - started;
		const { rows, keys } = batch;
		if (rows.length === 0) break;
		lower = keys
			? (keys[keys.length - 1] as IndexableType)
			: Dexie.getByKeyPath(rows[rows.length - 1], keyPath!);
		await send(rows, keys);
		onBatch(rows.length);
		if (rows.length < size) break;
		size = nextBatchSize(size, elapsed);
	}
}

/**
 * Records that keep a file's SHA-256 but not its CRC-32 (stored before it was kept) get it now, read
 * once in the worker, so that this backup and the next ones write the file without reading it. Only
 * tables indexed by `sha256` hold such files; a digest that does not match its file is left alone
 * (the writer then reads and hashes that file as any other). The caller holds the write lock.
 */
async function fillMissingCrcs(db: Dexie, tables: Table[], handle: OpsHandle): Promise<void> {
	const files = tables.filter(
		(t) => typeof t.schema.primKey.keyPath === 'string' && t.schema.indexes.some((i) => i.name === 'sha256')
	);
	if (!files.length) return;
	const missing = await db.transaction('r', files, () =>
		Promise.all(files.map((t) => t.filter((r) => fileDigestsOf(r)?.crc32 === undefined).toArray()))
	);
	const updates: { table: Table; key: IndexableType; crc32: number }[] = [];
	for (const [i, records] of missing.entries()) {
		for (const record of records) {
			const file = fileDigestsOf(record);
			if (!file) continue;
			const digests = await handle.ops.digest(file.blob);
			if (digests.sha256 !== file.sha256) continue;
			const table = files[i];
			updates.push({
				table,
				key: Dexie.getByKeyPath(record, table.schema.primKey.keyPath as string),
				crc32: digests.crc32
			});
		}
	}
	if (!updates.length) return;
	await db.transaction('rw', files, () =>
		Promise.all(updates.map((u) => u.table.update(u.key, { crc32: u.crc32 })))
	);
}

/** Backs up every table of `db` that the registry does not exclude; returns the verified ZIP. */
export async function createBackup(db: Dexie, options: CreateBackupOptions = {}): Promise<CreatedBackup> {
	const registry = options.registry ?? appRegistry;
	const now = options.now ?? new Date();
	await db.open();
	const lap = stopwatch();
	const handle = openBackupOps(options.worker);
	const abort = () => handle.close();
	options.signal?.addEventListener('abort', abort);
	try {
		const tables = backedUpTables(db, registry);
		const progress: BackupProgress = { phase: 'read', rows: 0, totalRows: 0, bytes: 0 };
		const report = () => options.onProgress?.({ ...progress });
		const read = async () => {
			await fillMissingCrcs(db, tables, handle);
			const counts = await db.transaction('r', tables, () => Promise.all(tables.map((t) => t.count())));
			progress.totalRows = counts.reduce((a, b) => a + b, 0);
			report();
			await handle.ops.start();
			// The worker's calls run in order (see openBackupOps): tables are read while earlier ones are zipped.
			const queued: Promise<unknown>[] = [];
			const queue = (call: Promise<unknown>) => {
				call.catch(() => {}); // awaited below; a failure is reported there
				queued.push(call);
			};
			const drain = async (max: number) => {
				while (queued.length > max) await queued.shift();
			};
			for (const [index, table] of tables.entries()) {
				const info = infoOf(registry, table.name);
				const { keyPath, auto } = table.schema.primKey;
				queue(
					handle.ops.startTable({
						name: table.name,
						owner: info.owner,
						label: info.label,
						schema: tableSchema(table),
						primKey: { keyPath: keyPath ?? null, auto: !!auto }
					})
				);
				progress.table = table.name;
				// Counted in the same moment (writes are held): an empty table needs no read.
				if (counts[index] === 0) continue;
				await streamTable(
					table,
					async (rows, keys) => {
						queue(
							handle.ops.addRecords(rows, keys).then((bytes) => {
								progress.bytes = bytes;
								report();
							})
						);
						await drain(QUEUED_BATCHES);
					},
					(n) => {
						progress.rows += n;
						report();
					},
					options.signal
				);
			}
			await drain(0);
		};
		if (options.lock === false) await read();
		else await holdWrites(read);
		checkAbort(options.signal);
		const readMs = lap();
		progress.phase = 'zip';
		report();
		const result = await handle.ops.finish(
			{ schemaVersion: db.verno, createdAt: now.toISOString(), excluded: excludedTables(db, registry) },
			options.password
		);
		const zipMs = lap();
		let verified = false;
		if (options.verify !== false) {
			progress.phase = 'verify';
			report();
			const fileName = backupFileName(now);
			const check = await handle.ops.read(result.blob, {
				fileName,
				password: options.password,
				verifyOnly: true,
				currentSchemaVersion: db.verno
			});
			await handle.ops.drop();
			verified = sameTables(check.manifest, result.manifest);
			if (!verified) throw new PilotError('checksum-mismatch', { file: fileName, table: 'manifest.json' });
		}
		return {
			...result,
			fileName: backupFileName(now),
			verified,
			timings: { readMs, zipMs, verifyMs: lap() }
		};
	} catch (error) {
		if (options.signal?.aborted) throw new PilotError('cancelled');
		throw error;
	} finally {
		options.signal?.removeEventListener('abort', abort);
		handle.release();
	}
}

/** Milliseconds since the previous call (or since it was made). */
export function stopwatch(): () => number {
	let last = performance.now();
	return () => {
		const now = performance.now();
		const ms = now - last;
		last = now;
		return ms;
	};
}

function sameTables(a: Manifest, b: Manifest): boolean {
	const names = Object.keys(b.tables);
	return (
		names.length === Object.keys(a.tables).length &&
		names.every((n) => a.tables[n]?.sha256 === b.tables[n].sha256 && a.tables[n].rows === b.tables[n].rows)
	);
}

function tableSchema(table: Table): string {
	const { primKey, indexes } = table.schema;
	return [primKey.src, ...indexes.map((i) => i.src)].join(', ');
}

/**
 * Re-reads a backup file and checks every checksum without keeping its records (a snapshot that was
 * not verified when it was taken, before it leaves the app); returns its manifest.
 */
export async function verifyBackupFile(db: Dexie, file: Blob, fileName: string): Promise<Manifest> {
	const handle = openBackupOps();
	try {
		const check = await handle.ops.read(file, { fileName, verifyOnly: true, currentSchemaVersion: db.verno });
		await handle.ops.drop();
		return check.manifest;
	} finally {
		handle.release();
	}
}
