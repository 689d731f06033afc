/**
 * Builds a backup ZIP from batches of records: one NDJSON file per table, hashed as it streams,
 * every Blob once under its SHA-256, then manifest.json and LISEZMOI.txt. Runs in the backup
 * worker in the browser, and inline in Node tests: it never touches IndexedDB.
 */
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { collectBlobs, encodeValue, isPlainJson } from './record-codec';
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
/** Output is folded into a Blob every few MB so that big backups do not pile up in the JS heap. */
const FOLD_BYTES = 8 * 1024 * 1024;

/**
 * SHA-256 of a Blob. A Blob is read whole anyway, so the browser's native digest does it (many
 * times faster than JS); table files, which stream, are hashed incrementally with noble.
 */
export async function sha256Hex(data: Blob | Uint8Array<ArrayBuffer>): Promise<string> {
	const bytes = data instanceof Blob ? await data.arrayBuffer() : data;
	if (globalThis.crypto?.subtle)
		return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
	return bytesToHex(sha256(new Uint8Array(bytes)));
}

interface OpenTable {
	info: TableStart;
	entry: ZipDeflate;
	hash: ReturnType<typeof sha256.create>;
	rows: number;
	bytes: number;
	blobs: Set<string>;
	blobBytes: number;
}

export class BackupWriter {
	readonly #zip: Zip;
	#folded: Blob = new Blob([]);
	#parts: Uint8Array<ArrayBuffer>[] = [];
	#partBytes = 0;
	#output: Promise<Blob>;
	#tables: Record<string, ManifestTable> = {};
	#table: OpenTable | null = null;
	/** Blobs to write at the end, by SHA-256 (a Blob is a handle: holding it costs no memory). */
	#blobs = new Map<string, Blob>();
	#hashes = new WeakMap<Blob, string>();
	#encoder = new TextEncoder();
	/** Bytes of records and Blobs processed so far, for the progress bar. */
	processed = 0;

	constructor() {
		this.#zip = new Zip();
		this.#output = new Promise((resolve, reject) => {
			this.#zip.ondata = (err, chunk, final) => {
				if (err) return reject(err);
				this.#parts.push(chunk as Uint8Array<ArrayBuffer>);
				this.#partBytes += chunk.length;
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

	startTable(info: TableStart): void {
		if (this.#table) this.endTable();
		const entry = new ZipDeflate(tableEntry(info.name), { level: LEVEL });
		this.#zip.add(entry);
		this.#table = { info, entry, hash: sha256.create(), rows: 0, bytes: 0, blobs: new Set(), blobBytes: 0 };
	}

	/** Adds records to the open table; `keys` only for tables whose keys are outside the records. */
	async addRecords(records: unknown[], keys?: unknown[]): Promise<void> {
		const table = this.#table;
		if (!table) throw new Error('Aucune table ouverte');
		for (const blob of collectBlobs(records)) {
			if (this.#hashes.has(blob)) continue;
			const hash = await sha256Hex(blob);
			this.#hashes.set(blob, hash);
			if (!this.#blobs.has(hash)) this.#blobs.set(hash, blob);
			this.processed += blob.size;
		}
		const blobHash = (blob: Blob) => {
			const hash = this.#hashes.get(blob)!;
			if (!table.blobs.has(hash)) {
				table.blobs.add(hash);
				table.blobBytes += blob.size;
			}
			return hash;
		};
		let text = '';
		const encode = (v: unknown) => (isPlainJson(v) ? v : encodeValue(v, blobHash));
		for (let i = 0; i < records.length; i++) {
			const value = keys ? { key: encode(keys[i]), value: encode(records[i]) } : encode(records[i]);
			text += JSON.stringify(value) + '\n';
		}
		const bytes = this.#encoder.encode(text);
		table.hash.update(bytes);
		table.entry.push(bytes);
		table.rows += records.length;
		table.bytes += bytes.length;
		this.processed += bytes.length;
	}

	endTable(): void {
		const table = this.#table;
		if (!table) return;
		table.entry.push(new Uint8Array(0), true);
		const { info } = table;
		this.#tables[info.name] = {
			owner: info.owner,
			label: info.label,
			rows: table.rows,
			bytes: table.bytes,
			sha256: bytesToHex(table.hash.digest()),
			schema: info.schema,
			primKey: info.primKey,
			blobs: table.blobs.size,
			blobBytes: table.blobBytes
		};
		this.#table = null;
	}

	/** Writes the Blobs, the manifest and the read-me, and returns the finished ZIP. */
	async finish(info: FinishInfo): Promise<{ blob: Blob; manifest: Manifest }> {
		this.endTable();
		let blobBytes = 0;
		for (const [hash, blob] of this.#blobs) {
			// Level 0 (stored deflate blocks): originals (xlsx, pdf, photos) are mostly compressed
			// already, so compressing them would dominate the backup's time. Not ZipPassThrough: a
			// streamed stored entry ends in a data descriptor, and a streaming unzip cannot tell where
			// its bytes stop, so the restore would read the next entries into the Blob.
			const entry = new ZipDeflate(blobEntry(hash), { level: 0 });
			this.#zip.add(entry);
			const reader = blob.stream().getReader();
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				entry.push(value);
			}
			entry.push(new Uint8Array(0), true);
			blobBytes += blob.size;
		}
		const tables = this.#tables;
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
			blobs: { count: this.#blobs.size, bytes: blobBytes },
			totals: { rows: totals.rows, bytes: totals.bytes + blobBytes }
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
		this.#blobs.clear();
		this.#parts = [];
	}
}
