/**
 * What the intake worker does, as plain functions: hash the bytes (incrementally, with progress),
 * read the sheets, run the format's parser, pack the rows into chunks. Runs in Node for tests; in
 * the app only inside the worker, so the page never holds (nor decodes) a file's row objects.
 */
import { packRows } from '$lib/db/chunk-codec';
import { digestBytes, type Digests } from '$lib/backup/digests';
import { PilotError } from '$lib/i18n/errors';
import { PARSERS } from './parsers';
import type { ParseResult } from './parse.types';
import { readFile } from './read';

export type IntakePhase = 'hash' | 'read' | 'parse' | 'pack' | 'save';

export interface IntakeProgress {
	phase: IntakePhase;
	done: number;
	total: number;
}

/** A file hashed and parsed, its rows as objects: only ever inside the worker (or a Node test). */
export interface ParsedFile {
	fileName: string;
	size: number;
	sha256: string;
	/** CRC-32 of the same bytes, computed in the same pass: a backup's ZIP entry needs it (no second read). */
	crc32: number;
	parser: string;
	result: ParseResult;
}

/** A parse result without its row objects, and how many rows there were. */
export type ParseSummary = Omit<ParseResult, 'rows'> & { rowCount: number };

/** What the page learns of a parsed file when the rows are not wanted (`parseInWorker(…, { pack: false })`). */
export type ParsedSummary = Omit<ParsedFile, 'result'> & { result: ParseSummary };

/** CHUNK_ROWS consecutive rows (the last chunk fewer), packed by chunk-codec. */
export interface PackedChunk {
	rowCount: number;
	data: Uint8Array<ArrayBuffer>;
}

/** What the page stores: the file's summary and its rows as packed chunks, in file order. */
export interface ParsedUpload extends ParsedSummary {
	chunks: PackedChunk[];
}

/** Rows per chunk record: the worker packs and posts them this many at a time. */
export const CHUNK_ROWS = 2000;

/** SHA-256 (hex) and CRC-32 of the bytes, in one pass, with progress. */
export const hashBytes = (bytes: Uint8Array, onProgress?: (p: IntakeProgress) => void): Digests =>
	digestBytes(bytes, onProgress && ((done) => onProgress({ phase: 'hash', done, total: bytes.length })));

export function parseBytes(
	bytes: Uint8Array,
	fileName: string,
	parser: string,
	onProgress?: (p: IntakeProgress) => void
): ParsedFile {
	const parse = PARSERS[parser];
	if (!parse) throw new PilotError('unexpected', { message: `format inconnu « ${parser} »` });
	const digests = hashBytes(bytes, onProgress);
	onProgress?.({ phase: 'read', done: 0, total: 1 });
	const sheets = readFile(bytes, fileName);
	onProgress?.({ phase: 'read', done: 1, total: 1 });
	const result = parse(sheets, {
		fileName,
		onProgress: (done, total) => onProgress?.({ phase: 'parse', done, total })
	});
	if (!result.rows.length && !result.errors.length) throw new PilotError('empty-file', { file: fileName });
	return { fileName, size: bytes.length, ...digests, parser, result };
}

/** The parsed file without its row objects. */
export function summariseParsed({ result, ...file }: ParsedFile): ParsedSummary {
	const { rows, ...rest } = result;
	return { ...file, result: { ...rest, rowCount: rows.length } };
}

/** Packs the rows CHUNK_ROWS at a time, handing each chunk on as soon as it is packed, in order. */
export async function packChunks(
	rows: readonly unknown[],
	onChunk: (chunk: PackedChunk) => void,
	onProgress?: (p: IntakeProgress) => void
): Promise<void> {
	for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
		const slice = rows.slice(i, i + CHUNK_ROWS);
		onChunk({ rowCount: slice.length, data: await packRows(slice) });
		onProgress?.({ phase: 'pack', done: i + slice.length, total: rows.length });
	}
}

/** Summary and packed chunks of a parsed file: what the worker hands the page, in one value. */
export async function packParsed(
	parsed: ParsedFile,
	onProgress?: (p: IntakeProgress) => void
): Promise<ParsedUpload> {
	const chunks: PackedChunk[] = [];
	await packChunks(parsed.result.rows, (chunk) => chunks.push(chunk), onProgress);
	return { ...summariseParsed(parsed), chunks };
}
