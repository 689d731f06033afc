/**
 * Reads a ZIP safely, entry by entry, with fflate's streaming Unzip: unsafe paths are refused,
 * and the uncompressed size is counted WHILE inflating so that a compression bomb is stopped
 * before it fills memory. Folders and files added by the user's OS when re-zipping (an extra
 * top folder, __MACOSX/, .DS_Store) are tolerated.
 */
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { PilotError } from '$lib/i18n/errors';
import { formatBytes } from '$lib/i18n/format';

export interface ReadLimits {
	/** Ceiling on one entry's uncompressed size. */
	maxEntryBytes: number;
	/** Ceiling on the whole archive's uncompressed size. */
	maxTotalBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
	maxEntryBytes: 512 * 1024 * 1024,
	maxTotalBytes: 1536 * 1024 * 1024
};

const READ_CHUNK = 1024 * 1024;
const LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const END_OF_DIRECTORY = [0x50, 0x4b, 0x05, 0x06];

/** Entries by normalised name (top folder and OS clutter removed). */
export type ArchiveEntries = Map<string, Uint8Array<ArrayBuffer>>;

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
	return sig.every((b, i) => bytes[i] === b);
}

function hasEndOfDirectory(tail: Uint8Array): boolean {
	for (let i = tail.length - 22; i >= 0; i--) {
		if (startsWith(tail.subarray(i), END_OF_DIRECTORY)) return true;
	}
	return false;
}

/** A name is unsafe if it could escape the folder it is extracted to. */
export function isUnsafePath(name: string): boolean {
	const path = name.replace(/\\/g, '/');
	if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) return true;
	return path.split('/').some((segment) => segment === '..');
}

/** Files the user's OS adds when zipping a folder; never part of a backup. */
export function isOsClutter(name: string): boolean {
	const segments = name.split('/');
	const base = segments[segments.length - 1];
	return (
		segments.includes('__MACOSX') ||
		base === '.DS_Store' ||
		base === 'Thumbs.db' ||
		base === 'desktop.ini' ||
		base.startsWith('._')
	);
}

/** Removes one top folder shared by every entry (a backup unzipped then re-zipped as a folder). */
function stripTopFolder(entries: ArchiveEntries, marker: string): ArchiveEntries {
	if (entries.has(marker) || entries.size === 0) return entries;
	const tops = new Set([...entries.keys()].map((name) => name.split('/')[0]));
	const top = tops.size === 1 ? [...tops][0] : null;
	if (!top || ![...entries.keys()].every((n) => n.startsWith(`${top}/`))) return entries;
	return new Map([...entries].map(([name, data]) => [name.slice(top.length + 1), data]));
}

function concat(parts: Uint8Array[], length: number): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(length);
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

/**
 * Unzips `file` into memory with ceilings, or throws a PilotError naming the fault. `marker` is
 * the entry expected at the root (manifest.json), used to detect an extra top folder.
 */
export async function readArchive(
	file: Blob,
	fileName: string,
	options: { limits?: ReadLimits; marker: string; onProgress?: (read: number, total: number) => void }
): Promise<ArchiveEntries> {
	const limits = options.limits ?? DEFAULT_LIMITS;
	if (file.size === 0) throw new PilotError('empty-archive', { file: fileName });
	const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
	if (startsWith(head, END_OF_DIRECTORY)) throw new PilotError('empty-archive', { file: fileName });
	if (!startsWith(head, LOCAL_HEADER)) throw new PilotError('invalid-zip', { file: fileName });
	const tail = new Uint8Array(await file.slice(Math.max(0, file.size - 65_557)).arrayBuffer());
	if (!hasEndOfDirectory(tail)) throw new PilotError('truncated', { file: fileName });

	const entries: ArchiveEntries = new Map();
	const open = new Set<string>();
	let total = 0;
	let failure: unknown = null;
	const fail = (error: unknown) => {
		failure ??= error;
	};

	const unzip = new Unzip((entry) => {
		if (failure) return;
		const name = entry.name.replace(/\\/g, '/');
		if (isUnsafePath(name)) return fail(new PilotError('unsafe-path', { file: fileName, entry: entry.name }));
		if (name.endsWith('/') || isOsClutter(name)) return;
		if (entry.compression !== 0 && entry.compression !== 8) {
			return fail(
				new PilotError('invalid-zip', { file: fileName, reason: `compression ${entry.compression}` })
			);
		}
		const parts: Uint8Array[] = [];
		let size = 0;
		open.add(name);
		entry.ondata = (err, chunk, final) => {
			if (failure) return;
			if (err) return fail(new PilotError('invalid-zip', { file: fileName, reason: err.message }));
			size += chunk.length;
			total += chunk.length;
			if (size > limits.maxEntryBytes || total > limits.maxTotalBytes) {
				entry.terminate();
				const limit = formatBytes(size > limits.maxEntryBytes ? limits.maxEntryBytes : limits.maxTotalBytes);
				return fail(new PilotError('too-large', { file: fileName, entry: name, limit }));
			}
			parts.push(chunk);
			if (final) {
				open.delete(name);
				entries.set(name, concat(parts, size));
			}
		};
		entry.start();
	});
	unzip.register(UnzipInflate);
	unzip.register(UnzipPassThrough);

	for (let offset = 0; offset < file.size && !failure; offset += READ_CHUNK) {
		const chunk = new Uint8Array(await file.slice(offset, offset + READ_CHUNK).arrayBuffer());
		try {
			unzip.push(chunk, offset + READ_CHUNK >= file.size);
		} catch (error) {
			fail(new PilotError('invalid-zip', { file: fileName, reason: (error as Error).message }));
		}
		options.onProgress?.(Math.min(offset + READ_CHUNK, file.size), file.size);
	}
	if (failure) throw failure;
	if (open.size > 0) throw new PilotError('truncated', { file: fileName });
	return stripTopFolder(entries, options.marker);
}
