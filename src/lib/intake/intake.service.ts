/**
 * Main-thread side of the intake: the worker hashes, parses and packs the rows into chunks, then one
 * Dexie transaction stores the original, the dataset and those chunks as they are. The page never
 * holds a file's row objects. Same bytes twice → "déjà importé", never doubled rows.
 */
import type { ChunkRecord, DatasetRecord } from '$lib/db/records';
import type { DatasetStore } from '$lib/db/schema';
import { db } from '$lib/db/pilot-db';
import { withWrite } from '$lib/db/write-lock';
import { PilotError } from '$lib/i18n/errors';
import { formatDateTime } from '$lib/i18n/format';
import { takeSafetySnapshot } from '$lib/backup/snapshots.service';
import { activity } from '$lib/state/activity.svelte';
import { handleError, notifications } from '$lib/state/notifications.svelte';
import type { IntakeProgress, PackedChunk, ParsedSummary, ParsedUpload } from './intake.core';
import type { IntakeMessage, IntakeRequest } from './intake.worker';
import { runWorker } from '$lib/worker/run-worker';
import { findBySha } from './datasets.repository';

export type ProgressFn = (p: { done: number; total: number; phase: string }) => void;

export interface ParseOptions {
	onProgress?: ProgressFn;
	signal?: AbortSignal;
	/** False: the worker only parses and counts (no chunk packed nor posted) — to time parsing alone. */
	pack?: boolean;
}

/**
 * Parses a file in the intake worker, which packs its rows into chunks (their bytes transferred,
 * never copied nor decoded here). With `pack: false`, only the summary comes back. The signal
 * terminates the worker at once.
 */
export function parseInWorker(
	file: File,
	parser: string,
	opts: ParseOptions & { pack: false }
): Promise<ParsedSummary>;
export function parseInWorker(
	file: File,
	parser: string,
	opts?: ParseOptions & { pack?: true }
): Promise<ParsedUpload>;
export async function parseInWorker(
	file: File,
	parser: string,
	opts: ParseOptions = {}
): Promise<ParsedSummary | ParsedUpload> {
	if (opts.signal?.aborted) throw new PilotError('cancelled');
	const bytes = await file.arrayBuffer();
	const pack = opts.pack ?? true;
	const chunks: PackedChunk[] = [];
	const request: IntakeRequest = { bytes, fileName: file.name, parser, pack };
	return runWorker<IntakeMessage, ParsedSummary | ParsedUpload>(
		() => new Worker(new URL('./intake.worker.ts', import.meta.url), { type: 'module' }),
		{
			signal: opts.signal,
			send: (worker) => worker.postMessage(request, [bytes]),
			onMessage: (msg) => {
				if (msg.type === 'progress') opts.onProgress?.(msg.progress);
				else if (msg.type === 'chunk') chunks.push({ rowCount: msg.rowCount, data: msg.data });
				else if (msg.type === 'done') return { result: pack ? { ...msg.parsed, chunks } : msg.parsed };
				else if (msg.code) throw new PilotError(msg.code, msg.details);
				else throw new PilotError('unreadable-file', { file: file.name, cause: msg.message });
				return undefined;
			},
			crashed: (cause) => new PilotError('unreadable-file', { file: file.name, cause })
		}
	);
}

/** The dataset already holding these exact bytes, told the user's way. */
export async function alreadyImported(
	store: DatasetStore,
	parsed: ParsedSummary
): Promise<PilotError | null> {
	const existing = await findBySha(store, parsed.sha256);
	if (!existing) return null;
	return new PilotError('already-imported', {
		file: parsed.fileName,
		as: existing.fileName !== parsed.fileName ? existing.fileName : undefined,
		at: formatDateTime(existing.importedAt)
	});
}

export interface StoreOptions {
	/** The business month, as confirmed by the user; defaults to the detected one. */
	period?: string | null;
	/** Import without the lines the parser could not read (they are kept in `skipped`). */
	skipBadLines?: boolean;
	/** A carrier invoice: unreadable lines refuse the file, never skipped (RULINGS 21). */
	invoice?: boolean;
	/** Replace this slot's datasets of the same period (a corrected invoice): a safety snapshot comes first. */
	replace?: boolean;
	/** When the file was first received, if before now (a file brought over from the old app). */
	importedAt?: number;
	/** Kept in the dataset's meta, e.g. where the file came from. */
	meta?: Record<string, unknown>;
	onProgress?: (p: IntakeProgress) => void;
}

/** Stores a parsed file: dataset + its packed chunks, as they are, in ONE transaction, after every check. */
export async function storeParsed(
	store: DatasetStore,
	slot: string,
	parsed: ParsedUpload,
	original: Blob,
	opts: StoreOptions = {}
): Promise<DatasetRecord> {
	const { result } = parsed;
	if (result.errors.length && (opts.invoice || !opts.skipBadLines)) {
		const first = result.errors[0];
		throw new PilotError(opts.invoice ? 'bad-invoice-lines' : 'bad-lines', {
			file: parsed.fileName,
			count: result.errors.length,
			line: first.line,
			message: first.message
		});
	}
	if (!result.rowCount) throw new PilotError('empty-file', { file: parsed.fileName });
	const packed = parsed.chunks.reduce((n, c) => n + c.rowCount, 0);
	if (packed !== result.rowCount)
		throw new PilotError('unexpected', {
			context: `import de « ${parsed.fileName} »`,
			message: `${packed} lignes compressées pour ${result.rowCount} lues`
		});
	const period = opts.period === undefined ? result.period : opts.period;
	const dataset: DatasetRecord = {
		id: crypto.randomUUID(),
		slot,
		fileName: parsed.fileName,
		sha256: parsed.sha256,
		crc32: parsed.crc32,
		original,
		size: parsed.size,
		period,
		rowCount: result.rowCount,
		chunkCount: parsed.chunks.length,
		columns: result.columns,
		importedAt: opts.importedAt ?? Date.now(),
		dateRange: result.dateRange,
		skipped: result.errors.map((e) => ({ line: e.line, reason: e.message })),
		meta: { ...(result.meta ?? {}), ...opts.meta, parser: parsed.parser, detectedPeriod: result.period }
	};
	const chunks: ChunkRecord[] = parsed.chunks.map(({ rowCount, data }, index) => ({
		datasetId: dataset.id,
		index,
		rowCount,
		data
	}));
	const datasets = db.datasets(store);
	const chunkTable = db.chunks(store);
	const replaced = opts.replace
		? (await datasets.where('slot').equals(slot).toArray()).filter((d) => d.period === period)
		: [];
	if (replaced.length) {
		const names = replaced.map((d) => `« ${d.fileName} »`).join(', ');
		await takeSafetySnapshot(`Avant le remplacement de ${names} par « ${parsed.fileName} »`);
	}
	await withWrite([datasets, chunkTable], async () => {
		const duplicate = await alreadyImported(store, parsed);
		if (duplicate) throw duplicate;
		if (replaced.length) {
			const ids = replaced.map((d) => d.id);
			await chunkTable.where('datasetId').anyOf(ids).delete();
			await datasets.bulkDelete(ids);
		}
		await datasets.add(dataset);
		for (let i = 0; i < chunks.length; i++) {
			await chunkTable.add(chunks[i]);
			opts.onProgress?.({ phase: 'save', done: i + 1, total: chunks.length });
		}
	});
	return dataset;
}

export interface ImportOptions {
	store: DatasetStore;
	slot: string;
	parser: string;
	file: File;
	period?: string | null;
	skipBadLines?: boolean;
	/** A carrier invoice: unreadable lines refuse the file, nothing is asked (RULINGS 21). */
	invoice?: boolean;
	replace?: boolean;
	/** Asked when some lines cannot be read: true imports without them, false rejects the file. */
	confirmBadLines?: (errors: { line: number; message: string }[], fileName: string) => Promise<boolean>;
	onProgress?: ProgressFn;
	signal?: AbortSignal;
}

/** Parse (worker) then store (one transaction). Errors are reported in French; returns undefined then. */
export async function importFile(opts: ImportOptions): Promise<DatasetRecord | undefined> {
	activity.begin(`Import de « ${opts.file.name} »`);
	try {
		const parsed = await parseInWorker(opts.file, opts.parser, opts);
		const duplicate = await alreadyImported(opts.store, parsed);
		if (duplicate) throw duplicate;
		let skipBadLines = opts.skipBadLines ?? false;
		if (parsed.result.errors.length && !skipBadLines && !opts.invoice && opts.confirmBadLines) {
			skipBadLines = await opts.confirmBadLines(parsed.result.errors, parsed.fileName);
		}
		if (opts.signal?.aborted) throw new PilotError('cancelled');
		return await storeParsed(
			opts.store,
			opts.slot,
			parsed,
			opts.file.slice(0, opts.file.size, opts.file.type),
			{
				period: opts.period,
				skipBadLines,
				invoice: opts.invoice,
				replace: opts.replace,
				onProgress: opts.onProgress
			}
		);
	} catch (err) {
		reportIntakeError(err, opts.file.name);
		return undefined;
	} finally {
		activity.end();
	}
}

/** A cancel is an information, anything else an error naming the file. */
export function reportIntakeError(err: unknown, fileName: string): void {
	if (err instanceof PilotError && err.code === 'cancelled') {
		notifications.push({ kind: 'info', text: `Import de « ${fileName} » annulé : rien n'a été enregistré.` });
	} else {
		handleError(err, `Import de « ${fileName} »`);
	}
}
