/**
 * Reads a ZIP safely through its central directory: every entry's compressed size is known, so an
 * entry is read from its own slice of the file, one at a time, when it is needed (memory stays at
 * the largest entry, not the archive; a stored entry can even become a Blob without being read). (A streaming unzip cannot tell where a streamed
 * entry ends — its sizes come after the data — and cuts a stored .xlsx, itself a ZIP, at the first
 * signature inside it.) Unsafe paths are refused, and the uncompressed size is counted WHILE
 * inflating so that a compression bomb is stopped before it fills memory. Folders and files added
 * by the user's OS when re-zipping (an extra top folder, __MACOSX/, .DS_Store) are tolerated.
 */
import { Inflate } from 'fflate';
import { PilotError } from '$lib/i18n/errors';
import { formatBytes } from '$lib/i18n/format';
import { readZipDirectory, type ArchiveEntry } from './zip-directory';

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
/**
 * Entries are read through one window of the file this large: each Blob read is a round trip to
 * the browser's blob store (~1–3 ms), so reading hundreds of small entries one by one costs far
 * more than reading the file in a few big sequential slices.
 */
const WINDOW = 16 * 1024 * 1024;
const LOCAL_HEADER_SIG = 0x04034b50;

function concat(parts: Uint8Array[], length: number): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(length);
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

export interface OpenArchiveOptions {
	limits?: ReadLimits;
	/** The entry expected at the root (manifest.json), used to detect an extra top folder. */
	marker: string;
	/** Size of a read window (default 16 MB; small in tests). */
	windowBytes?: number;
	/** Compressed bytes read so far, of all entries. */
	onProgress?: (read: number, total: number) => void;
}

/** A ZIP opened for reading: its entries by normalised name (top folder and OS clutter removed). */
export class Archive {
	readonly entries: Map<string, ArchiveEntry>;
	#total = 0;
	#read = 0;
	readonly #compressedTotal: number;
	#window: { start: number; bytes: Uint8Array<ArrayBuffer> } | null = null;
	/** Windows of a forward pass (readAhead), each holding whole entries; the first one is being read. */
	#planned: { start: number; end: number }[] = [];
	#ahead: Promise<Uint8Array<ArrayBuffer>> | null = null;
	readonly #windowBytes: number;
	/** Where each located entry's data starts (see locate). */
	#starts = new Map<string, number>();

	constructor(
		readonly file: Blob,
		readonly fileName: string,
		entries: Map<string, ArchiveEntry>,
		readonly dirOffset: number,
		readonly options: OpenArchiveOptions
	) {
		this.entries = entries;
		this.#windowBytes = options.windowBytes ?? WINDOW;
		this.#compressedTotal = [...entries.values()].reduce((sum, e) => sum + e.compressedSize, 0) || 1;
	}

	has(name: string): boolean {
		return this.entries.has(name);
	}

	/** Names sorted by where their entries are in the file (absent ones last): reads go forward. */
	inFileOrder(names: string[]): string[] {
		const at = (name: string) => this.entries.get(name)?.localOffset ?? Infinity;
		return [...names].sort((a, b) => at(a) - at(b));
	}

	/**
	 * Announces a forward pass over `names`: their bytes come in windows that hold whole entries, the next
	 * window read while the current one is used (reading and hashing then overlap instead of alternating).
	 */
	readAhead(names: string[]): void {
		// An entry ends before the next one starts (or the central directory).
		const starts = [...this.entries.values()].map((e) => e.localOffset).sort((a, b) => a - b);
		const next = new Map(starts.map((s, i) => [s, starts[i + 1] ?? this.dirOffset]));
		const windows: { start: number; end: number }[] = [];
		for (const name of this.inFileOrder(names)) {
			const entry = this.entries.get(name);
			if (!entry) continue;
			const end = next.get(entry.localOffset)!;
			if (end - entry.localOffset > this.#windowBytes) continue; // read on its own (see #bytesAt)
			const last = windows[windows.length - 1];
			if (last && last.end === entry.localOffset && end - last.start <= this.#windowBytes) last.end = end;
			else windows.push({ start: entry.localOffset, end });
		}
		this.#planned = windows;
		this.#ahead = null;
		this.#readNext();
	}

	#readNext(): void {
		const next = this.#planned[0];
		this.#ahead = next
			? this.file
					.slice(next.start, next.end)
					.arrayBuffer()
					.then((b) => new Uint8Array(b))
			: null;
		this.#ahead?.catch(() => {}); // awaited when used; a failure is reported there
	}

	/** The planned window holding [start, end), once read (and the one after it being read), else null. */
	async #fromPlan(
		start: number,
		end: number
	): Promise<{ start: number; bytes: Uint8Array<ArrayBuffer> } | null> {
		while (this.#planned.length && this.#planned[0].end <= start) {
			this.#planned.shift();
			this.#readNext();
		}
		const next = this.#planned[0];
		if (!next || start < next.start || end > next.end) return null;
		const bytes = await this.#ahead!;
		this.#planned.shift();
		this.#readNext();
		return { start: next.start, bytes };
	}

	#entry(name: string): ArchiveEntry {
		const entry = this.entries.get(name);
		if (!entry) throw new Error(`Entrée absente : ${name}`);
		return entry;
	}

	/** Bytes [start, end) of the file: a view of the window, valid until the next read. */
	async #bytesAt(start: number, end: number): Promise<Uint8Array<ArrayBuffer>> {
		if (end - start > this.#windowBytes)
			return new Uint8Array(await this.file.slice(start, end).arrayBuffer());
		const w = this.#window;
		if (!w || start < w.start || end > w.start + w.bytes.length) {
			const stop = Math.min(this.file.size, Math.max(end, start + this.#windowBytes));
			this.#window = (await this.#fromPlan(start, end)) ?? {
				start,
				bytes: new Uint8Array(await this.file.slice(start, stop).arrayBuffer())
			};
		}
		const { start: at, bytes } = this.#window!;
		return bytes.subarray(start - at, end - at);
	}

	/** Where an entry's bytes are in the file, checked against its local header. */
	async #span(name: string): Promise<{ start: number; end: number; entry: ArchiveEntry }> {
		const entry = this.#entry(name);
		const start =
			this.#starts.get(name) ??
			this.#dataStart(await this.#bytesAt(entry.localOffset, entry.localOffset + 30), entry);
		const end = start + entry.compressedSize;
		if (end > this.dirOffset) throw new PilotError('truncated', { file: this.fileName });
		return { start, end, entry };
	}

	#dataStart(header: Uint8Array, entry: ArchiveEntry): number {
		const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
		if (header.length < 30 || view.getUint32(0, true) !== LOCAL_HEADER_SIG) {
			throw new PilotError('truncated', { file: this.fileName });
		}
		return entry.localOffset + 30 + view.getUint16(26, true) + view.getUint16(28, true);
	}

	/**
	 * Reads the local headers of `names` all at once, each on its own (30 bytes), without the windows
	 * around them: entries that become slices of the file (`slice`) are then located without reading
	 * their data.
	 */
	async locate(names: string[]): Promise<void> {
		await Promise.all(
			names.map(async (name) => {
				const entry = this.#entry(name);
				if (this.#starts.has(name)) return;
				const at = entry.localOffset;
				const header = new Uint8Array(await this.file.slice(at, at + 30).arrayBuffer());
				this.#starts.set(name, this.#dataStart(header, entry));
			})
		);
	}

	/** Counts `added` bytes of an entry now `size` bytes long, against both ceilings. */
	#count(name: string, size: number, added: number): void {
		const limits = this.options.limits ?? DEFAULT_LIMITS;
		this.#total += added;
		if (size > limits.maxEntryBytes || this.#total > limits.maxTotalBytes) {
			const limit = formatBytes(size > limits.maxEntryBytes ? limits.maxEntryBytes : limits.maxTotalBytes);
			throw new PilotError('too-large', { file: this.fileName, entry: name, limit });
		}
	}

	#progress(bytes: number): void {
		this.#read += bytes;
		this.options.onProgress?.(Math.min(this.#read, this.#compressedTotal), this.#compressedTotal);
	}

	/** A stored entry as a Blob, without reading it (null when it is compressed). */
	async slice(name: string, type = ''): Promise<Blob | null> {
		const { start, end, entry } = await this.#span(name);
		return entry.method === 0 ? this.file.slice(start, end, type) : null;
	}

	/** An entry's uncompressed bytes, its own copy. */
	async bytes(name: string): Promise<Uint8Array<ArrayBuffer>> {
		const { bytes, shared } = await this.view(name);
		return shared ? bytes.slice() : bytes;
	}

	/**
	 * An entry's uncompressed bytes; the size is counted WHILE inflating, against the ceilings.
	 * `shared`: a view of the read window (a stored entry), valid only until the next read.
	 */
	async view(name: string): Promise<{ bytes: Uint8Array<ArrayBuffer>; shared: boolean }> {
		const { start, end, entry } = await this.#span(name);
		if (entry.method === 0) {
			this.#count(name, entry.compressedSize, entry.compressedSize);
			const bytes = await this.#bytesAt(start, end);
			this.#progress(bytes.length);
			return { bytes, shared: true };
		}
		const parts: Uint8Array[] = [];
		let size = 0;
		const inflate = new Inflate((chunk) => {
			size += chunk.length;
			this.#count(name, size, chunk.length);
			parts.push(chunk);
		});
		for (let offset = start; offset < end || offset === start; offset += READ_CHUNK) {
			const stop = Math.min(end, offset + READ_CHUNK);
			const chunk = await this.#bytesAt(offset, stop);
			try {
				inflate.push(chunk, stop >= end);
			} catch (error) {
				if (error instanceof PilotError) throw error;
				// A well-formed ZIP whose entry does not inflate: the backup is damaged, not "not a ZIP".
				throw new PilotError('corrupt-entry', { file: this.fileName, entry: name, cause: String(error) });
			}
			this.#progress(chunk.length);
			if (stop >= end) break;
		}
		return { bytes: concat(parts, size), shared: false };
	}
}

/** Opens `file` as a ZIP, or throws a PilotError naming the fault. Reads only the directory. */
export async function openArchive(
	file: Blob,
	fileName: string,
	options: OpenArchiveOptions
): Promise<Archive> {
	const { entries, dirOffset } = await readZipDirectory(file, fileName, options.marker);
	return new Archive(file, fileName, entries, dirOffset, options);
}
