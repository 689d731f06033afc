/**
 * Builds a backup ZIP from batches of records: one NDJSON file per table, every Blob and large
 * binary value (packed chunk rows) once under its SHA-256, as they come, then manifest.json and
 * LISEZMOI.txt. Runs in the backup worker in the browser, and inline in Node tests: it never
 * touches IndexedDB.
 */
import { Zip, ZipDeflate, strToU8, type ZipInputFile } from 'fflate';
import { crc32 } from './crc32';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { bytesOf, collectEntries, encodeValue, isPlainJson, type EntryValue } from './record-codec';
import {
	APP_VERSION,
	FORMAT_NAME,
	FORMAT_VERSION,
	MANIFEST_ENTRY,
	README_ENTRY,
	blobEntry,
	tableEntry,
	type Manifest,
	type ManifestTable,
	type PrimaryKeyInfo
} from './backup-format';
import { readmeText } from './readme';

export interface TableStart {
	name: string;
	owner: string;
	label: string;
	schema: string;
	primKey: PrimaryKeyInfo;
}

export interface FinishInfo {
	schemaVersion: number;
	createdAt: string;
	excluded: Manifest['excluded'];
}

/** Compression level 1: several times faster than the default, and NDJSON still shrinks ~8×. */
const LEVEL = 1;
/** Blobs being read at once (a few MB each at most for typical originals). */
const READ_AHEAD = 4;
/** Output is folded into a Blob every few MB so that big backups do not pile up in the JS heap. */
const FOLD_BYTES = 8 * 1024 * 1024;

/** SHA-256 of bytes or a Blob, by the browser's native digest (many times faster than JS). */
export async function sha256Hex(data: Blob | Uint8Array<ArrayBuffer>): Promise<string> {
	const bytes = data instanceof Blob ? await data.arrayBuffer() : data;
	if (globalThis.crypto?.subtle)
		return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
	return bytesToHex(sha256(new Uint8Array(bytes)));
}

interface OpenTable {
	info: TableStart;
	lines: Uint8Array<ArrayBuffer>[];
	rows: number;
	bytes: number;
	entries: Set<string>;
	entryBytes: number;
}

export class BackupWriter {
	readonly #zip: Zip;
	#folded: Blob = new Blob([]);
	#parts: BlobPart[] = [];
	/** The Blob whose bytes are being written: the output refers to it instead of copying them. */
	#source: { bytes: Uint8Array; blob: Blob } | null = null;
	#partBytes = 0;
	#output: Promise<Blob>;
	#tables: Record<string, ManifestTable> = {};
	/** Finished table files, written together after the entries (see finish). */
	#tableFiles: { name: string; file: Uint8Array<ArrayBuffer> }[] = [];
	#table: OpenTable | null = null;
	/** Entries already written, by SHA-256: their size and whether they hold a Blob or binary data. */
	#written = new Map<string, { size: number; blob: boolean }>();
	/** Hashes of the Blobs and binary values met, so that a value read twice is hashed once. */
	#hashes = new WeakMap<object, string>();
	#encoder = new TextEncoder();
	/** Bytes of records and entries processed so far, for the progress bar. */
	processed = 0;

	constructor() {
		this.#zip = new Zip();
		this.#output = new Promise((resolve, reject) => {
			this.#zip.ondata = (err, chunk, final) => {
				if (err) return reject(err);
				if (chunk === this.#source?.bytes) {
					this.#parts.push(this.#source.blob);
				} else {
					this.#parts.push(chunk as Uint8Array<ArrayBuffer>);
					this.#partBytes += chunk.length;
				}
				if (this.#partBytes >= FOLD_BYTES || final) this.#fold();
				if (final) resolve(this.#folded);
			};
		});
	}

	#fold(): void {
		this.#folded = new Blob([this.#folded, ...this.#parts], { type: 'application/zip' });
		this.#parts = [];
		this.#partBytes = 0;
	}

	async startTable(info: TableStart): Promise<void> {
		await this.endTable();
		this.#table = { info, lines: [], rows: 0, bytes: 0, entries: new Set(), entryBytes: 0 };
	}

	/**
	 * Writes a Blob or a binary value to its own entry (once per content), as stored bytes: originals
	 * (xlsx, pdf, photos) and packed chunk rows are compressed already, so deflating them again would
	 * dominate the backup's time for nothing.
	 */
	async #writeEntry(value: EntryValue, read: Promise<Uint8Array<ArrayBuffer>>): Promise<void> {
		const bytes = await read;
		const hash = await sha256Hex(bytes);
		this.#hashes.set(value, hash);
		this.processed += bytes.length;
		if (this.#written.has(hash)) return;
		this.#written.set(hash, { size: bytes.length, blob: value instanceof Blob });
		const entry: ZipInputFile = {
			filename: blobEntry(hash),
			compression: 0,
			size: bytes.length,
			crc: crc32(bytes)
		};
		this.#zip.add(entry);
		if (value instanceof Blob) this.#source = { bytes, blob: value };
		entry.ondata!(null, bytes, true);
		this.#source = null;
	}

	/** Adds records to the open table; `keys` only for tables whose keys are outside the records. */
	async addRecords(records: unknown[], keys?: unknown[]): Promise<void> {
		const table = this.#table;
		if (!table) throw new Error('Aucune table ouverte');
		const values = [...new Set(collectEntries(keys ? [records, keys] : records))].filter(
			(v) => !this.#hashes.has(v)
		);
		// A Blob read is a round trip to the blob store: the next few are read while one is written.
		const reads: Promise<Uint8Array<ArrayBuffer>>[] = [];
		const readAt = (i: number) => {
			const v = values[i];
			const read =
				v instanceof Blob ? v.arrayBuffer().then((b) => new Uint8Array(b)) : Promise.resolve(bytesOf(v));
			read.catch(() => {}); // awaited in turn below; a failure is reported there
			reads[i] = read;
		};
		for (let i = 0; i < values.length; i++) {
			for (let j = reads.length; j < Math.min(values.length, i + READ_AHEAD); j++) readAt(j);
			await this.#writeEntry(values[i], reads[i]);
			delete reads[i];
		}
		const entryHash = (value: EntryValue) => {
			const hash = this.#hashes.get(value)!;
			if (!table.entries.has(hash)) {
				table.entries.add(hash);
				table.entryBytes += this.#written.get(hash)!.size;
			}
			return hash;
		};
		let text = '';
		const encode = (v: unknown) => (isPlainJson(v) ? v : encodeValue(v, entryHash));
		for (let i = 0; i < records.length; i++) {
			const value = keys ? { key: encode(keys[i]), value: encode(records[i]) } : encode(records[i]);
			text += JSON.stringify(value) + '\n';
		}
		const bytes = this.#encoder.encode(text);
		table.lines.push(bytes);
		table.rows += records.length;
		table.bytes += bytes.length;
		this.processed += bytes.length;
	}

	/** The table's lines, hashed in one go: with rows packed, they are small. */
	async endTable(): Promise<void> {
		const table = this.#table;
		if (!table) return;
		this.#table = null;
		const file = new Uint8Array(table.bytes);
		let at = 0;
		for (const part of table.lines) {
			file.set(part, at);
			at += part.length;
		}
		this.#tableFiles.push({ name: tableEntry(table.info.name), file });
		const { info } = table;
		this.#tables[info.name] = {
			owner: info.owner,
			label: info.label,
			rows: table.rows,
			bytes: table.bytes,
			sha256: await sha256Hex(file),
			schema: info.schema,
			primKey: info.primKey,
			blobs: table.entries.size,
			blobBytes: table.entryBytes
		};
	}

	/**
	 * Writes the table files, the manifest and the read-me, and returns the finished ZIP. The table
	 * files come together at the end, next to the manifest, so that a reader gets every record line
	 * in one read, then the entries in one sequential pass.
	 */
	async finish(info: FinishInfo): Promise<{ blob: Blob; manifest: Manifest }> {
		await this.endTable();
		for (const { name, file } of this.#tableFiles) {
			const entry = new ZipDeflate(name, { level: LEVEL });
			this.#zip.add(entry);
			entry.push(file, true);
		}
		this.#tableFiles = [];
		const tables = this.#tables;
		const count = (blob: boolean) => {
			const of = [...this.#written.values()].filter((e) => e.blob === blob);
			return { count: of.length, bytes: of.reduce((sum, e) => sum + e.size, 0) };
		};
		const blobs = count(true);
		const binaries = count(false);
		const totals = Object.values(tables).reduce(
			(t, x) => ({ rows: t.rows + x.rows, bytes: t.bytes + x.bytes }),
			{ rows: 0, bytes: 0 }
		);
		const manifest: Manifest = {
			format: FORMAT_NAME,
			formatVersion: FORMAT_VERSION,
			appVersion: APP_VERSION,
			schemaVersion: info.schemaVersion,
			createdAt: info.createdAt,
			encrypted: false,
			tables,
			excluded: info.excluded,
			blobs,
			binaries,
			totals: { rows: totals.rows, bytes: totals.bytes + blobs.bytes + binaries.bytes }
		};
		this.#addText(MANIFEST_ENTRY, JSON.stringify(manifest, null, 2));
		this.#addText(README_ENTRY, readmeText(manifest));
		this.#zip.end();
		return { blob: await this.#output, manifest };
	}

	#addText(name: string, text: string): void {
		const entry = new ZipDeflate(name, { level: 6 });
		this.#zip.add(entry);
		entry.push(strToU8(text), true);
	}

	abort(): void {
		this.#zip.terminate();
		this.#parts = [];
		this.#tableFiles = [];
	}
}
