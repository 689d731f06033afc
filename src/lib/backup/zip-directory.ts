/**
 * A ZIP's central directory, read from the end of the file: every entry's name, method, compressed size
 * and offset, without reading any entry (archive-reader.ts reads them). Names that could escape their
 * folder are refused; what the user's OS adds when re-zipping a folder (an extra top folder, __MACOSX/,
 * .DS_Store) is left out.
 */
import { strFromU8 } from 'fflate';
import { PilotError } from '$lib/i18n/errors';

const LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const END_OF_DIRECTORY = [0x50, 0x4b, 0x05, 0x06];
const CENTRAL_HEADER = 0x02014b50;

/** An entry located through the central directory; its bytes are read only when asked for. */
export interface ArchiveEntry {
	/** Name as stored (for messages). */
	stored: string;
	method: number;
	compressedSize: number;
	localOffset: number;
}

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
function isUnsafePath(name: string): boolean {
	const path = name.replace(/\\/g, '/');
	if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) return true;
	return path.split('/').some((segment) => segment === '..');
}

/** Files the user's OS adds when zipping a folder; never part of a backup. */
function isOsClutter(name: string): boolean {
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

/** Removes one top folder shared by every entry (a backup unzipped then re-zipped as a folder). */
function stripTopFolder<T>(entries: Map<string, T>, marker: string): Map<string, T> {
	if (entries.has(marker) || entries.size === 0) return entries;
	const tops = new Set([...entries.keys()].map((name) => name.split('/')[0]));
	const top = tops.size === 1 ? [...tops][0] : null;
	if (!top || ![...entries.keys()].every((n) => n.startsWith(`${top}/`))) return entries;
	return new Map([...entries].map(([name, data]) => [name.slice(top.length + 1), data]));
}

/**
 * The entries of `file` by normalised name (one shared top folder and OS clutter removed; `marker` is the
 * entry expected at the root), and where its directory starts; unsafe or unsupported entries are refused.
 */
export async function readZipDirectory(
	file: Blob,
	fileName: string,
	marker: string
): Promise<{ entries: Map<string, ArchiveEntry>; dirOffset: number }> {
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
	const entries = new Map<string, ArchiveEntry>();
	for (const entry of directory) {
		const name = entry.name.replace(/\\/g, '/');
		if (isUnsafePath(name)) throw new PilotError('unsafe-path', { file: fileName, entry: entry.name });
		if (name.endsWith('/') || isOsClutter(name)) continue;
		if (entry.flags & 1) throw new PilotError('invalid-zip', { file: fileName, reason: 'entrée chiffrée' });
		if (entry.method !== 0 && entry.method !== 8) {
			throw new PilotError('invalid-zip', { file: fileName, reason: `compression ${entry.method}` });
		}
		entries.set(name, {
			stored: entry.name,
			method: entry.method,
			compressedSize: entry.compressedSize,
			localOffset: entry.localOffset
		});
	}
	return { entries: stripTopFolder(entries, marker), dirOffset };
}
