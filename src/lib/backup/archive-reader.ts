/**
 * Reads a ZIP safely through its central directory: every entry's compressed size is known, so an
 * entry is read from its own slice of the file. (A streaming unzip cannot tell where a streamed
 * entry ends — its sizes come after the data — and cuts a stored .xlsx, itself a ZIP, at the first
 * signature inside it.) Unsafe paths are refused, and the uncompressed size is counted WHILE
 * inflating so that a compression bomb is stopped before it fills memory. Folders and files added
 * by the user's OS when re-zipping (an extra top folder, __MACOSX/, .DS_Store) are tolerated.
 */
import { Inflate, strFromU8 } from 'fflate';
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
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER_SIG = 0x04034b50;

/** Entries by normalised name (top folder and OS clutter removed). */
export type ArchiveEntries = Map<string, Uint8Array<ArrayBuffer>>;

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
	return sig.every((b, i) => bytes[i] === b);
}

/** Offset in `tail` of the end-of-central-directory record, or -1. */
function endOfDirectory(tail: Uint8Array): number {
	for (let i = tail.length - 22; i >= 0; i--) {
		if (startsWith(tail.subarray(i), END_OF_DIRECTORY)) return i;
	}
	return -1;
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

interface DirectoryEntry {
	name: string;
	method: number;
	flags: number;
	compressedSize: number;
	localOffset: number;
}

function readDirectory(dir: Uint8Array, count: number, fileName: string): DirectoryEntry[] {
	const view = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
	const entries: DirectoryEntry[] = [];
	let at = 0;
	for (let n = 0; n < count; n++) {
		if (at + 46 > dir.length || view.getUint32(at, true) !== CENTRAL_HEADER) {
			throw new PilotError('invalid-zip', { file: fileName, reason: 'répertoire central illisible' });
		}
		const flags = view.getUint16(at + 8, true);
		const nameLength = view.getUint16(at + 28, true);
		const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
		const compressedSize = view.getUint32(at + 20, true);
		const localOffset = view.getUint32(at + 42, true);
		if (compressedSize === 0xffffffff || localOffset === 0xffffffff) {
			throw new PilotError('invalid-zip', { file: fileName, reason: 'ZIP64 non pris en charge' });
		}
		const rawName = dir.subarray(at + 46, at + 46 + nameLength);
		entries.push({
			name: strFromU8(rawName, !(flags & 0x800)),
			method: view.getUint16(at + 10, true),
			flags,
			compressedSize,
			localOffset
		});
		at += 46 + skip;
	}
	return entries;
}

/** Where an entry's data starts: after its local header, whose name and extra lengths may differ. */
async function dataOffset(file: Blob, entry: DirectoryEntry, fileName: string): Promise<number> {
	const header = new Uint8Array(await file.slice(entry.localOffset, entry.localOffset + 30).arrayBuffer());
	const view = new DataView(header.buffer);
	if (header.length < 30 || view.getUint32(0, true) !== LOCAL_HEADER_SIG) {
		throw new PilotError('truncated', { file: fileName });
	}
	return entry.localOffset + 30 + view.getUint16(26, true) + view.getUint16(28, true);
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
	const tailStart = Math.max(0, file.size - 65_557);
	const tail = new Uint8Array(await file.slice(tailStart).arrayBuffer());
	const eocd = endOfDirectory(tail);
	if (eocd < 0) throw new PilotError('truncated', { file: fileName });
	const eocdView = new DataView(tail.buffer, tail.byteOffset + eocd, 22);
	const count = eocdView.getUint16(10, true);
	const dirSize = eocdView.getUint32(12, true);
	const dirOffset = eocdView.getUint32(16, true);
	if (dirOffset + dirSize > tailStart + eocd) throw new PilotError('truncated', { file: fileName });
	const directory = readDirectory(
		new Uint8Array(await file.slice(dirOffset, dirOffset + dirSize).arrayBuffer()),
		count,
		fileName
	);

	const entries: ArchiveEntries = new Map();
	let total = 0;
	let read = 0;
	const compressedTotal = directory.reduce((sum, e) => sum + e.compressedSize, 0) || 1;
	for (const entry of directory) {
		const name = entry.name.replace(/\\/g, '/');
		if (isUnsafePath(name)) throw new PilotError('unsafe-path', { file: fileName, entry: entry.name });
		if (name.endsWith('/') || isOsClutter(name)) continue;
		if (entry.flags & 1) throw new PilotError('invalid-zip', { file: fileName, reason: 'entrée chiffrée' });
		if (entry.method !== 0 && entry.method !== 8) {
			throw new PilotError('invalid-zip', { file: fileName, reason: `compression ${entry.method}` });
		}
		const start = await dataOffset(file, entry, fileName);
		const end = start + entry.compressedSize;
		if (end > dirOffset) throw new PilotError('truncated', { file: fileName });

		const parts: Uint8Array[] = [];
		let size = 0;
		const take = (chunk: Uint8Array) => {
			size += chunk.length;
			total += chunk.length;
			if (size > limits.maxEntryBytes || total > limits.maxTotalBytes) {
				const limit = formatBytes(size > limits.maxEntryBytes ? limits.maxEntryBytes : limits.maxTotalBytes);
				throw new PilotError('too-large', { file: fileName, entry: name, limit });
			}
			parts.push(chunk);
		};
		const inflate = entry.method === 8 ? new Inflate((chunk) => take(chunk)) : null;
		for (let offset = start; offset < end || offset === start; offset += READ_CHUNK) {
			const stop = Math.min(end, offset + READ_CHUNK);
			const chunk = new Uint8Array(await file.slice(offset, stop).arrayBuffer());
			try {
				if (inflate) inflate.push(chunk, stop >= end);
				else if (chunk.length) take(chunk);
			} catch (error) {
				if (error instanceof PilotError) throw error;
				throw new PilotError('invalid-zip', { file: fileName, reason: (error as Error).message });
			}
			read += chunk.length;
			options.onProgress?.(Math.min(read, compressedTotal), compressedTotal);
			if (stop >= end) break;
		}
		entries.set(name, concat(parts, size));
	}
	return stripTopFolder(entries, options.marker);
}
