/**
 * What the intake worker does, as a plain function: hash the bytes (incrementally, with progress),
 * read the sheets, run the format's parser. Runs in Node for tests; in the app only inside the worker.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { PilotError } from '$lib/i18n/errors';
import { PARSERS, type ParseResult } from './parsers';
import { readFile } from './read';

export type IntakePhase = 'hash' | 'read' | 'parse' | 'save';

export interface IntakeProgress {
	phase: IntakePhase;
	done: number;
	total: number;
}

export interface ParsedFile {
	fileName: string;
	size: number;
	sha256: string;
	parser: string;
	result: ParseResult;
}

const HASH_STEP = 1 << 20;
/** Rows per message from the worker, and per chunk record in the database. */
export const ROWS_PER_MESSAGE = 2000;

export function hashBytes(bytes: Uint8Array, onProgress?: (p: IntakeProgress) => void): string {
	const hasher = sha256.create();
	for (let i = 0; i < bytes.length; i += HASH_STEP) {
		hasher.update(bytes.subarray(i, i + HASH_STEP));
		onProgress?.({ phase: 'hash', done: Math.min(i + HASH_STEP, bytes.length), total: bytes.length });
	}
	return bytesToHex(hasher.digest());
}

export function parseBytes(
	bytes: Uint8Array,
	fileName: string,
	parser: string,
	onProgress?: (p: IntakeProgress) => void
): ParsedFile {
	const parse = PARSERS[parser];
	if (!parse) throw new PilotError('unexpected', { message: `format inconnu « ${parser} »` });
	const digest = hashBytes(bytes, onProgress);
	onProgress?.({ phase: 'read', done: 0, total: 1 });
	const sheets = readFile(bytes, fileName);
	onProgress?.({ phase: 'read', done: 1, total: 1 });
	const result = parse(sheets, {
		fileName,
		onProgress: (done, total) => onProgress?.({ phase: 'parse', done, total })
	});
	if (!result.rows.length && !result.errors.length) throw new PilotError('empty-file', { file: fileName });
	return { fileName, size: bytes.length, sha256: digest, parser, result };
}
