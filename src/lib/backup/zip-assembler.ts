/**
 * A ZIP file assembled as a Blob from small headers and the entries' own data (APPNOTE 6.3.10,
 * no ZIP64): a stored entry can be a Blob that is never read — its size and CRC-32 are known
 * already (computed at import beside its SHA-256), so the archive only refers to it. fflate's
 * `Zip` counts the bytes it is given and so needs every entry's bytes in memory; deflating stays
 * fflate's (`deflateSync`).
 */
import { deflateSync } from 'fflate';
import { crc32 } from './crc32';

/** Bytes of headers and in-memory entries gathered before they are folded into one Blob part. */
const FOLD_BYTES = 8 * 1024 * 1024;
const MAX_32 = 0xffffffff;
const MAX_ENTRIES = 0xffff;

export interface StoredEntry {
	name: string;
	/** The entry's bytes; a Blob is never read here. */
	data: Blob | Uint8Array<ArrayBuffer>;
	crc32: number;
}

/** MS-DOS time and date of `at` (local time, as unzip tools show it), two seconds' precision. */
function dosDateTime(at: Date): { time: number; date: number } {
	const year = Math.min(Math.max(at.getFullYear(), 1980), 2107);
	return {
		time: (at.getHours() << 11) | (at.getMinutes() << 5) | (at.getSeconds() >> 1),
		date: ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate()
	};
}

export class ZipAssembler {
	#folded: Blob = new Blob([]);
	#parts: BlobPart[] = [];
	#partBytes = 0;
	#offset = 0;
	#central: Uint8Array<ArrayBuffer>[] = [];
	#centralBytes = 0;
	#count = 0;
	readonly #stamp: { time: number; date: number };
	readonly #encoder = new TextEncoder();

	constructor(at = new Date()) {
		this.#stamp = dosDateTime(at);
	}

	/** Bytes written so far (the offset of the next entry). */
	get size(): number {
		return this.#offset;
	}

	/** An entry written as it is (method 0). */
	addStored(entry: StoredEntry): void {
		const size = entry.data instanceof Blob ? entry.data.size : entry.data.length;
		this.#add(entry.name, 0, entry.crc32, size, size, entry.data);
	}

	/** An entry deflated at `level` (table files, manifest, read-me: small, in memory). */
	addDeflated(name: string, bytes: Uint8Array, level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9): void {
		const deflated = deflateSync(bytes, { level }) as Uint8Array<ArrayBuffer>;
		this.#add(name, 8, crc32(bytes), deflated.length, bytes.length, deflated);
	}

	#add(
		name: string,
		method: 0 | 8,
		crc: number,
		compressed: number,
		size: number,
		data: Blob | Uint8Array<ArrayBuffer>
	): void {
		const nameBytes = this.#encoder.encode(name);
		// Bit 11: the name is UTF-8 (only needed when it is not plain ASCII).
		const flags = nameBytes.length !== name.length ? 0x800 : 0;
		const end = this.#offset + 30 + nameBytes.length + compressed;
		if (end > MAX_32 || this.#count === MAX_ENTRIES)
			throw new RangeError('Sauvegarde trop grande pour le format ZIP sans ZIP64');
		const local = new Uint8Array(30 + nameBytes.length);
		const lv = new DataView(local.buffer);
		lv.setUint32(0, 0x04034b50, true);
		this.#common(lv, 4, flags, method, crc, compressed, size, nameBytes.length);
		local.set(nameBytes, 30);
		const central = new Uint8Array(46 + nameBytes.length);
		const cv = new DataView(central.buffer);
		cv.setUint32(0, 0x02014b50, true);
		cv.setUint16(4, 20, true); // made by: MS-DOS, version 2.0
		this.#common(cv, 6, flags, method, crc, compressed, size, nameBytes.length);
		cv.setUint32(42, this.#offset, true);
		central.set(nameBytes, 46);
		this.#central.push(central);
		this.#centralBytes += central.length;
		this.#count++;
		this.#push(local);
		this.#push(data);
		this.#offset = end;
	}

	/** The fields shared by a local and a central header, from "version needed" to the name's length. */
	#common(
		v: DataView,
		at: number,
		flags: number,
		method: number,
		crc: number,
		compressed: number,
		size: number,
		nameLength: number
	): void {
		v.setUint16(at, 20, true);
		v.setUint16(at + 2, flags, true);
		v.setUint16(at + 4, method, true);
		v.setUint16(at + 6, this.#stamp.time, true);
		v.setUint16(at + 8, this.#stamp.date, true);
		v.setUint32(at + 10, crc >>> 0, true);
		v.setUint32(at + 14, compressed, true);
		v.setUint32(at + 18, size, true);
		v.setUint16(at + 22, nameLength, true);
	}

	#push(part: Blob | Uint8Array<ArrayBuffer>): void {
		this.#parts.push(part);
		if (part instanceof Blob) return;
		this.#partBytes += part.length;
		// In-memory parts go to the blob store every few MB: a large backup never piles up in the heap.
		if (this.#partBytes >= FOLD_BYTES) this.#fold();
	}

	#fold(): void {
		this.#folded = new Blob([this.#folded, ...this.#parts], { type: 'application/zip' });
		this.#parts = [];
		this.#partBytes = 0;
	}

	/** The central directory and its end record; returns the finished ZIP. */
	finish(): Blob {
		if (this.#offset + this.#centralBytes + 22 > MAX_32)
			throw new RangeError('Sauvegarde trop grande pour le format ZIP sans ZIP64');
		const eocd = new Uint8Array(22);
		const v = new DataView(eocd.buffer);
		v.setUint32(0, 0x06054b50, true);
		v.setUint16(8, this.#count, true);
		v.setUint16(10, this.#count, true);
		v.setUint32(12, this.#centralBytes, true);
		v.setUint32(16, this.#offset, true);
		for (const c of this.#central) this.#push(c);
		this.#push(eocd);
		this.#central = [];
		this.#fold();
		return this.#folded;
	}

	/** Forgets everything written (an aborted backup). */
	abort(): void {
		this.#parts = [];
		this.#central = [];
		this.#folded = new Blob([]);
	}
}
