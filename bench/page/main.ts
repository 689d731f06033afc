/**
 * The bench page: `window.bench` runs one case at a time for bench/run.mjs and returns its figures.
 * Every case times itself with performance.now() and reports the longest main-thread task seen
 * while it ran; heap is sampled from outside over CDP (page and worker targets).
 */
import { exportDB, importDB } from 'dexie-export-import';
import { DB_NAME, PilotDB, db } from '$lib/db/pilot-db';
import { generateYear } from './data';

const OBJECTS_DB = 'bench-raw-object-chunks';
const BENCH_PASSWORD = 'mot de passe du bench';
const backupFile = (blob: Blob) =>
	new File([blob], 'pilot_GREENLOG_backup_bench.zip', { type: 'application/zip' });
import * as raw from './raw';
import * as ours from './ours';
import { syncCases } from './sync';

const longTasks: { start: number; end: number }[] = [];
/** Without longtask entries (a browser that lacks them), no task is measured: longestTaskMs is null, never 0. */
const longTaskSupported = PerformanceObserver.supportedEntryTypes?.includes('longtask') ?? false;
if (longTaskSupported)
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
	}).observe({ type: 'longtask', buffered: true });

export interface Figures {
	ms: number;
	longestTaskMs: number | null;
	[key: string]: unknown;
}

/** Time `fn`, then wait for the observer to deliver the long tasks that overlapped it. */
async function measure(fn: () => Promise<Record<string, unknown> | void>): Promise<Figures> {
	const start = performance.now();
	const extra = (await fn()) ?? {};
	const end = performance.now();
	await new Promise((r) => setTimeout(r, 150));
	let longest = 0;
	for (const t of longTasks) if (t.end > start && t.start < end) longest = Math.max(longest, t.end - t.start);
	return { ms: end - start, longestTaskMs: longTaskSupported ? longest : null, ...extra };
}

const state: {
	data: Awaited<ReturnType<typeof generateYear>> | null;
	flat: unknown[] | null;
	expected: Record<string, number>;
	backup: Blob | null;
	encrypted: Blob | null;
	exported: Blob | null;
	files: Record<string, File>;
} = { data: null, flat: null, expected: {}, backup: null, encrypted: null, exported: null, files: {} };

/** A fresh, empty app database (the app's schema, no records), through the app's own `db` singleton. */
async function freshDb(): Promise<PilotDB> {
	await db.delete({ disableAutoOpen: false });
	await db.open();
	return db;
}

async function counts(d: PilotDB): Promise<Record<string, number>> {
	const out: Record<string, number> = {};
	for (const t of d.tables) out[t.name] = await t.count();
	return out;
}

/** Throws unless the database holds exactly what was generated: a fast engine that loses rows is no engine. */
async function check(what: string, d: PilotDB = db) {
	const got = await counts(d);
	for (const [name, n] of Object.entries(state.expected))
		if ((got[name] ?? 0) !== n)
			throw new Error(`${what}: ${name} has ${got[name] ?? 0} records, expected ${n}`);
}

const bench = {
	parsers: () => ours.parserIds(),

	/** Generate N rows in memory and store them in a fresh app database (not timed as a case). */
	async populate(n: number) {
		state.data = await generateYear(n);
		state.flat = state.data.flat;
		state.expected = Object.fromEntries(state.data.tables.map((t) => [t.name, t.records.length]));
		const d = await freshDb();
		const t0 = performance.now();
		await d.transaction('rw', d.tables, async () => {
			for (const t of state.data!.tables) await d.table(t.name).bulkPut(t.records);
		});
		return {
			ms: performance.now() - t0,
			rows: state.data.rows,
			blobBytes: state.data.blobBytes,
			records: Object.values(state.expected).reduce((a, b) => a + b, 0)
		};
	},

	rawWriteRows: () => measure(async () => raw.writeRows(state.flat!)),
	rawReadRows: () => measure(async () => ({ rows: await raw.readRows() })),
	/** The layout packing replaced: the same database, chunk rows as objects (same rows, same chunks). */
	async rawWriteObjectChunks() {
		await raw.deleteDatabase(OBJECTS_DB);
		const empty = new PilotDB(OBJECTS_DB);
		await empty.open();
		empty.close();
		return measure(() => raw.writeTables(OBJECTS_DB, state.data!.objectTables));
	},
	async rawReadObjectChunks() {
		const figures = await measure(async () => raw.readTables(OBJECTS_DB));
		await raw.deleteDatabase(OBJECTS_DB);
		return figures;
	},

	/** The same records as the app stores them (chunks, datasets with Blobs, entities), into an empty copy of the schema. */
	async rawWriteChunks() {
		const name = 'bench-raw-chunks';
		await raw.deleteDatabase(name);
		const empty = new PilotDB(name);
		await empty.open();
		empty.close();
		const figures = await measure(() => raw.writeTables(name, state.data!.tables));
		const copy = new PilotDB(name);
		await check('raw chunked write', copy);
		copy.close();
		await raw.deleteDatabase(name);
		await raw.deleteDatabase('bench-raw-rows');
		return figures;
	},

	/** Drop the generated data from the page before the cases whose heap is compared. */
	release() {
		state.data = null;
		state.flat = null;
	},

	rawReadChunks: () => measure(async () => raw.readTables(DB_NAME)),

	exportDB: () =>
		measure(async () => {
			state.exported = await exportDB(db);
			return { bytes: state.exported.size };
		}),

	async importDB() {
		await db.delete({ disableAutoOpen: false });
		const figures = await measure(async () => {
			const imported = await importDB(state.exported!);
			imported.close();
		});
		await check('importDB');
		state.exported = null;
		return figures;
	},

	backup: () =>
		measure(async () => {
			const { blob, ...rest } = await ours.backup(db);
			state.backup = blob;
			return { bytes: blob.size, ...rest };
		}),

	/** The floor of any verification: our backup's ZIP read back and hashed with the bare APIs. */
	rawVerifyZip: () => measure(async () => raw.verifyZip(state.backup!)),

	/** The same backup made with a password (PBKDF2 + AES-GCM over the whole ZIP), as a user asks for it. */
	backupEncrypted: () =>
		measure(async () => {
			const { blob, ...rest } = await ours.backup(db, BENCH_PASSWORD);
			state.encrypted = blob;
			return { bytes: blob.size, ...rest };
		}),

	/** The restore a user lives: over the populated database, its safety snapshot taken first. */
	async restoreOverData() {
		const figures = await measure(() => ours.restoreOverData(db, backupFile(state.backup!)));
		await check('restore over existing data');
		return figures;
	},

	async restore() {
		await freshDb();
		const figures = await measure(() => ours.restore(db, backupFile(state.backup!)));
		await check('restore');
		return figures;
	},

	/** The same restore with every entry checked before the transaction opens (what verifying while writing saves). */
	async restoreVerifyFirst() {
		await freshDb();
		const figures = await measure(() => ours.restore(db, backupFile(state.backup!), undefined, 'now'));
		await check('restore verified first');
		return figures;
	},

	async restoreEncrypted() {
		await freshDb();
		const figures = await measure(() => ours.restore(db, backupFile(state.encrypted!), BENCH_PASSWORD));
		await check('encrypted restore');
		state.encrypted = null;
		return figures;
	},

	/** A workbook of `lines` invoice lines, written by the app's writeXlsx (not a file import). */
	exportXlsx: (lines: number) => ours.exportWorkbook(lines, measure),

	/** Fetch a generated source file (served by run.mjs) into memory; not timed. */
	async load(url: string, name: string) {
		const res = await fetch(url);
		if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
		state.files[name] = new File([await res.blob()], name);
		return { bytes: state.files[name].size };
	},

	parse: (name: string, parser: string) => measure(() => ours.parseOnly(state.files[name], parser)),

	async import(name: string, store: string, slot: string, parser: string) {
		await freshDb();
		return measure(() => ours.importFile(store, slot, parser, state.files[name]));
	},

	match: (threePLRows: number, invoiceLines: number) => ours.match(threePLRows, invoiceLines),

	...syncCases(measure),

	async clear() {
		state.backup = null;
		state.encrypted = null;
		state.exported = null;
		state.files = {};
		await db.delete({ disableAutoOpen: false });
	}
};

declare global {
	interface Window {
		bench: typeof bench;
	}
}
window.bench = bench;
document.body.dataset.ready = 'true';
