/**
 * Backup and restore of any Dexie database, driven from the main thread: records are read in
 * read-only transactions that await only IndexedDB (chunked by primary-key ranges) and handed
 * to BackupOps (a Worker in the browser) for serialising, hashing and zipping (RULINGS 16).
 * A restore is verified completely before ONE read-write transaction replaces the data.
 */
import Dexie, {
	type DexieOptions,
	type IndexableType,
	type IndexableTypeArrayReadonly,
	type Table
} from 'dexie';
import { holdWrites } from '$lib/db/write-lock';
import { TABLE_REGISTRY, type TableInfo } from '$lib/db/registry';
import { PilotError } from '$lib/i18n/errors';
import { backupFileName, type Manifest } from './backup-format';
import { openBackupOps, type OpsHandle } from './worker-client';
import type { ParsedBackup, TableData } from './backup-reader';
import type { ReadLimits } from './archive-reader';
import { upgradeBackupSchema } from './schema-upgrade';
import { fileDigestsOf } from './file-digests';

export type RegistryLookup = (table: string) => TableInfo | undefined;
export const appRegistry: RegistryLookup = (name) => TABLE_REGISTRY[name];

/** A table absent from the registry (never in the app: a test enforces it) is still backed up. */
function infoOf(registry: RegistryLookup, name: string): TableInfo {
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
		if (elapsed < TARGET_MS / 2) size = Math.min(MAX_BATCH, size * 2);
		else if (elapsed > TARGET_MS * 2) size = Math.max(MIN_BATCH, Math.floor(size / 2));
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
function stopwatch(): () => number {
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

export interface ReadBackupFileOptions {
	fileName?: string;
	password?: string;
	worker?: boolean;
	limits?: ReadLimits;
	signal?: AbortSignal;
	onProgress?: (done: number, total: number) => void;
	/**
	 * 'while-writing' (default): the stored Blobs' SHA-256 is checked by applyRestore while its
	 * transaction writes, a mismatch aborting it (RULINGS 22); 'now': everything before returning.
	 */
	verifyBlobs?: 'now' | 'while-writing';
}

/**
 * Reads and verifies a backup file — all of it, or all but the stored Blobs, which applyRestore
 * checks while it writes — then brings an older schema up to date.
 */
export async function readBackupFile(
	db: Dexie,
	file: Blob,
	options: ReadBackupFileOptions = {}
): Promise<ParsedBackup> {
	const fileName = options.fileName ?? (file instanceof File ? file.name : 'sauvegarde.zip');
	const lap = stopwatch();
	const handle = openBackupOps(options.worker);
	handle.setProgress(options.onProgress);
	const abort = () => handle.close();
	options.signal?.addEventListener('abort', abort);
	try {
		const summary = await handle.ops.read(file, {
			fileName,
			password: options.password,
			limits: options.limits,
			currentSchemaVersion: db.verno,
			deferBlobs: options.verifyBlobs !== 'now'
		});
		const readMs = lap();
		const parsed: ParsedBackup = { manifest: summary.manifest, encrypted: summary.encrypted, tables: {} };
		if (summary.unchecked?.length) {
			parsed.unchecked = summary.unchecked;
			parsed.source = { file, fileName, limits: options.limits };
		}
		for (const [name, { count, keyed }] of Object.entries(summary.tables)) {
			parsed.tables[name] = await takeTable(handle, name, count, keyed);
		}
		await handle.ops.drop();
		const takeMs = lap();
		if (parsed.manifest.schemaVersion < db.verno) {
			parsed.tables = await upgradeBackupSchema(parsed, db.verno);
		}
		parsed.timings = { readMs, takeMs, upgradeMs: lap() };
		return parsed;
	} catch (error) {
		if (options.signal?.aborted) throw new PilotError('cancelled');
		throw error;
	} finally {
		options.signal?.removeEventListener('abort', abort);
		handle.release();
	}
}

/** Brings a table's records from the worker in slices sized to stay short on the page. */
async function takeTable(handle: OpsHandle, name: string, count: number, keyed: boolean): Promise<TableData> {
	const records: unknown[] = [];
	const keys: unknown[] = [];
	let size = 16;
	for (let from = 0; from < count;) {
		const started = performance.now();
		const slice = await handle.ops.take(name, from, from + size);
		from += size;
		for (const r of slice.records) records.push(r);
		if (slice.keys) for (const k of slice.keys) keys.push(k);
		const elapsed = performance.now() - started;
		if (elapsed < TARGET_MS / 2) size = Math.min(MAX_BATCH, size * 2);
		else if (elapsed > TARGET_MS * 2) size = Math.max(1, Math.floor(size / 2));
	}
	return keyed ? { records, keys } : { records };
}

export interface ApplyOptions {
	registry?: RegistryLookup;
	/** Owners (modules) to restore; all when absent. */
	modules?: string[];
	/** 'replace' (default) empties each restored table first; 'merge' adds and overwrites by key. */
	mode?: 'replace' | 'merge';
}

/** The tables a restore writes: backed-up tables of the chosen modules. */
export function restoreTargets(db: Dexie, options: ApplyOptions = {}): Table[] {
	const registry = options.registry ?? appRegistry;
	return backedUpTables(db, registry).filter(
		(t) => !options.modules || options.modules.includes(infoOf(registry, t.name).owner)
	);
}

const WRITE_SLICE = 2000;
/** How long a restore's transaction waits for the check of the Blobs it writes (a slow tablet, 1 GB). */
const VERIFY_TIMEOUT_MS = 10 * 60_000;

const blobChecks = new WeakMap<ParsedBackup, Promise<void>>();

/**
 * Starts (once per backup read) the check of the entries the read left unchecked, in a worker of
 * its own; resolves when all match. A restore may start it before its safety snapshot so that both
 * run at once; applyRestore waits for it inside its transaction either way.
 */
export function startBlobCheck(backup: ParsedBackup): Promise<void> {
	let check = blobChecks.get(backup);
	if (!check) {
		check = verifyUnchecked(backup);
		check.catch(() => {}); // awaited inside the restore's transaction; a failure aborts it there
		blobChecks.set(backup, check);
	}
	return check;
}

async function verifyUnchecked(backup: ParsedBackup): Promise<void> {
	const { unchecked, source } = backup;
	if (!unchecked?.length || !source) return;
	const handle = openBackupOps();
	try {
		await handle.ops.verifyEntries(source.file, {
			fileName: source.fileName,
			entries: unchecked,
			limits: source.limits
		});
	} finally {
		handle.release();
	}
}

/**
 * Writes a verified backup in ONE read-write transaction with strict durability: every table
 * or none. A table the backup does not have (older schema) is restored empty in 'replace' mode.
 * Every table's clear and puts are queued at once (IndexedDB runs a store's requests in order);
 * meanwhile a worker hashes the Blobs the read left unchecked, and a mismatch aborts the
 * transaction before it commits (RULINGS 22). The caller holds the write lock.
 */
export async function applyRestore(
	db: Dexie,
	backup: ParsedBackup,
	options: ApplyOptions = {}
): Promise<void> {
	const targets = restoreTargets(db, options);
	const replace = (options.mode ?? 'replace') === 'replace';
	await db.open();
	const verifying = startBlobCheck(backup);
	// Dexie reads its durability option when a transaction is created; writes are held meanwhile.
	const dexieOptions = (db as unknown as { _options: DexieOptions })._options;
	const previous = dexieOptions.chromeTransactionDurability;
	dexieOptions.chromeTransactionDurability = 'strict';
	try {
		await db.transaction('rw', targets, () => {
			const writes = targets.map(async (table) => {
				const data: TableData = backup.tables[table.name] ?? { records: [] };
				if (replace) await table.clear();
				const puts: Promise<unknown>[] = [];
				for (let i = 0; i < data.records.length; i += WRITE_SLICE) {
					const records = data.records.slice(i, i + WRITE_SLICE);
					const keys = data.keys?.slice(i, i + WRITE_SLICE) as IndexableTypeArrayReadonly | undefined;
					puts.push(keys ? table.bulkPut(records, keys) : table.bulkPut(records));
				}
				await Promise.all(puts);
			});
			// Dexie.waitFor keeps the transaction alive (dummy requests, queued after the writes) until
			// the check settles: its rejection rejects this scope, and Dexie aborts the transaction.
			return Promise.all([...writes, Dexie.waitFor(verifying, VERIFY_TIMEOUT_MS)]);
		});
	} finally {
		dexieOptions.chromeTransactionDurability = previous;
	}
}

export interface RestoreBackupOptions extends ReadBackupFileOptions, ApplyOptions {
	/** Called under the write lock before writing (the app stores a safety snapshot there). */
	beforeWrite?: () => Promise<void>;
}

/** Read + verify + write, for callers without a UI (bench, tests). */
export async function restoreBackup(
	db: Dexie,
	file: Blob,
	options: RestoreBackupOptions = {}
): Promise<ParsedBackup> {
	const parsed = await readBackupFile(db, file, options);
	const lap = stopwatch();
	void startBlobCheck(parsed); // alongside the safety snapshot
	await holdWrites(async () => {
		await options.beforeWrite?.();
		await applyRestore(db, parsed, options);
	});
	if (parsed.timings) parsed.timings.writeMs = lap();
	return parsed;
}

export type { OpsHandle };
