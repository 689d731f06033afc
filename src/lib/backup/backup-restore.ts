/**
 * Restore of a backup made by backup-engine.ts: the file is read and verified in the worker (all of
 * it, or all but the stored Blobs, which are hashed while the one read-write transaction writes and
 * abort it on a mismatch: RULINGS 22), brought up to the current schema, then written.
 */
import Dexie, { type DexieOptions, type IndexableTypeArrayReadonly, type Table } from 'dexie';
import { holdWrites } from '$lib/db/write-lock';
import { PilotError } from '$lib/i18n/errors';
import type { ReadLimits } from './archive-reader';
import {
	appRegistry,
	backedUpTables,
	infoOf,
	nextBatchSize,
	stopwatch,
	type RegistryLookup
} from './backup-engine';
import type { ParsedBackup } from './backup-reader';
import type { TableData } from './backup-tables';
import { upgradeBackupSchema } from './schema-upgrade';
import { openBackupOps, type OpsHandle } from './worker-client';

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
		size = nextBatchSize(size, elapsed);
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
