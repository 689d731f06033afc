/**
 * Builds a backup ZIP from batches of records: one NDJSON file per table, every Blob and large
 * binary value (packed chunk rows) once under its SHA-256, as they come, then manifest.json and
 * LISEZMOI.txt. A file whose record keeps its SHA-256 and CRC-32 (file-digests.ts) is referred to,
 * never read; other Blobs are read, hashed and summed. Runs in the backup worker in the browser,
 * and inline in Node tests: it never touches IndexedDB.
 */
import { strToU8 } from 'fflate';
import { crc32 } from './crc32';
import { sha256Hex } from './digests';
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
import { fileDigestsOf } from './file-digests';
import { ZipAssembler } from './zip-assembler';

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

interface OpenTable {
	info: TableStart;
	lines: Uint8Array<ArrayBuffer>[];
	rows: number;
	bytes: number;
	entries: Set<string>;
	entryBytes: number;
}

export class BackupWriter {
	readonly #zip = new ZipAssembler();
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

	async startTable(info: TableStart): Promise<void> {
		await this.endTable();
		this.#table = { info, lines: [], rows: 0, bytes: 0, entries: new Set(), entryBytes: 0 };
	}

	/**
	 * Writes a Blob or a binary value to its own entry (once per content), as stored bytes: originals
	 * (xlsx, pdf, photos) and packed chunk rows are compressed already, so deflating them again would
	 * dominate the backup's time for nothing. A Blob's entry refers to the Blob, not to the bytes read.
	 */
	#writeEntry(value: EntryValue, hash: string, size: number, crc: () => number): void {
		this.#hashes.set(value, hash);
		this.processed += size;
		if (this.#written.has(hash)) return;
		const blob = value instanceof Blob;
		this.#written.set(hash, { size, blob });
		this.#zip.addStored({
			name: blobEntry(hash),
			data: blob ? value : bytesOf(value as ArrayBuffer | ArrayBufferView),
			crc32: crc()
		});
	}

	/** Adds records to the open table; `keys` only for tables whose keys are outside the records. */
	async addRecords(records: unknown[], keys?: unknown[]): Promise<void> {
		const table = this.#table;
		if (!table) throw new Error('Aucune table ouverte');
		// Files whose records keep their digests are written without being read.
		for (const record of records) {
			const file = fileDigestsOf(record);
			if (file?.crc32 === undefined || this.#hashes.has(file.blob)) continue;
			const crc = file.crc32;
			this.#writeEntry(file.blob, file.sha256, file.blob.size, () => crc);
		}
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
			const bytes = await reads[i];
			delete reads[i];
			this.#writeEntry(values[i], await sha256Hex(bytes), bytes.length, () => crc32(bytes));
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
		for (const { name, file } of this.#tableFiles) this.#zip.addDeflated(name, file, LEVEL);
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
		this.#zip.addDeflated(MANIFEST_ENTRY, strToU8(JSON.stringify(manifest, null, 2)), 6);
		this.#zip.addDeflated(README_ENTRY, strToU8(readmeText(manifest)), 6);
		return { blob: this.#zip.finish(), manifest };
	}

	abort(): void {
		this.#zip.abort();
		this.#tableFiles = [];
	}
}
