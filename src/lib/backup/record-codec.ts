/**
 * Records ⇄ JSON lines without losing a type. JSON alone drops what IndexedDB keeps (Dates, -0,
 * NaN, typed arrays, Blobs, undefined, Map, Set…), so such values become small tagged objects
 * `{ "$": tag, … }`. A plain object that itself has a "$" key is wrapped in `{ "$": "obj" }` so
 * that user data can never be mistaken for a tag. Blobs and large binary values (packed chunk
 * rows) are not inlined: they become a reference to a ZIP entry named by their SHA-256, written
 * byte for byte (see docs/backup-format.md).
 */

export const TAG = '$';

export interface BlobRef {
	sha256: string;
	size: number;
	type: string;
	/** Present when the Blob was a File. */
	name?: string;
	lastModified?: number;
}

/** Binary values from this size on go to their own entry instead of base64 inside the line. */
export const BINARY_ENTRY_MIN = 1024;

/** What goes to a ZIP entry of its own: a Blob, or binary data of BINARY_ENTRY_MIN bytes or more. */
export type EntryValue = Blob | ArrayBuffer | ArrayBufferView;

/** The SHA-256 under which an entry value is stored (the writer hashed it beforehand). */
export type EntryHash = (value: EntryValue) => string;

/** Where a reader finds the entries that records refer to. */
export interface EntrySource {
	blob(ref: BlobRef): Blob;
	/** A fresh copy of a binary entry's bytes. */
	bytes(sha256: string): Uint8Array<ArrayBuffer>;
}

/** A reference to an entry met in an encoded record. */
export interface EntryRef {
	sha256: string;
	kind: 'blob' | 'bytes';
	/** A Blob's MIME type. */
	type?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const TYPED_ARRAYS = {
	Int8Array,
	Uint8Array,
	Uint8ClampedArray,
	Int16Array,
	Uint16Array,
	Int32Array,
	Uint32Array,
	Float32Array,
	Float64Array,
	BigInt64Array,
	BigUint64Array
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;

function toBase64(bytes: Uint8Array): string {
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000) {
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	}
	return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
	const binary = atob(text);
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}

function isPlainObject(value: object): boolean {
	const proto = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}

/**
 * True when JSON.stringify alone keeps the value exactly (the common case: strings, finite
 * numbers, plain objects): the writer then skips building a tagged copy.
 */
export function isPlainJson(value: unknown): boolean {
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return true;
		case 'number':
			return Number.isFinite(value) && !Object.is(value, -0);
		case 'object':
			break;
		default:
			return false;
	}
	if (value === null) return true;
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) if (!(i in value) || !isPlainJson(value[i])) return false;
		return true;
	}
	if (Object.getPrototypeOf(value) !== Object.prototype) return false;
	for (const key in value) {
		if (key === TAG || key === '__proto__' || !isPlainJson((value as Record<string, unknown>)[key]))
			return false;
	}
	return true;
}

function isEntryBinary(value: object): value is ArrayBuffer | ArrayBufferView {
	return (
		(value instanceof ArrayBuffer || (ArrayBuffer.isView(value) && !(value instanceof DataView))) &&
		value.byteLength >= BINARY_ENTRY_MIN
	);
}

/** Every Blob and large binary value reachable from a value, to hash before it is encoded. */
export function collectEntries(value: unknown, out: EntryValue[] = []): EntryValue[] {
	if (value === null || typeof value !== 'object') return out;
	if (value instanceof Blob || isEntryBinary(value)) {
		out.push(value);
	} else if (Array.isArray(value)) {
		for (const item of value) collectEntries(item, out);
	} else if (value instanceof Map) {
		for (const [k, v] of value) {
			collectEntries(k, out);
			collectEntries(v, out);
		}
	} else if (value instanceof Set) {
		for (const item of value) collectEntries(item, out);
	} else if (isPlainObject(value)) {
		for (const key of Object.keys(value)) collectEntries((value as Record<string, unknown>)[key], out);
	}
	return out;
}

/** The bytes of an entry value that is binary data. */
export function bytesOf(value: ArrayBuffer | ArrayBufferView): Uint8Array<ArrayBuffer> {
	return value instanceof ArrayBuffer
		? new Uint8Array(value)
		: (new Uint8Array(value.buffer, value.byteOffset, value.byteLength) as Uint8Array<ArrayBuffer>);
}

/** Encodes a value as JSON-safe data; `entryHash` gives the SHA-256 of each entry value met. */
export function encodeValue(value: unknown, entryHash: EntryHash): Json {
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return value;
		case 'number':
			if (Number.isFinite(value) && !Object.is(value, -0)) return value;
			return { [TAG]: 'num', v: Object.is(value, -0) ? '-0' : String(value) };
		case 'bigint':
			return { [TAG]: 'bigint', v: value.toString() };
		case 'undefined':
			return { [TAG]: 'undef' };
		case 'object':
			break;
		default:
			throw new TypeError(`Valeur non sauvegardable : ${typeof value}`);
	}
	if (value === null) return null;
	if (Array.isArray(value)) return value.map((item) => encodeValue(item, entryHash));
	if (value instanceof Date) {
		const time = value.getTime();
		return { [TAG]: 'date', v: Number.isNaN(time) ? null : time };
	}
	if (value instanceof Blob) {
		const ref: Record<string, Json> = {
			[TAG]: 'blob',
			sha256: entryHash(value),
			size: value.size,
			type: value.type
		};
		if (typeof File !== 'undefined' && value instanceof File) {
			ref.name = value.name;
			ref.lastModified = value.lastModified;
		}
		return ref;
	}
	if (value instanceof ArrayBuffer) {
		if (isEntryBinary(value)) return { [TAG]: 'ab', sha256: entryHash(value), size: value.byteLength };
		return { [TAG]: 'ab', v: toBase64(new Uint8Array(value)) };
	}
	if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
		const kind = value.constructor.name as TypedArrayName;
		if (!(kind in TYPED_ARRAYS)) throw new TypeError(`Tableau typé non sauvegardable : ${kind}`);
		if (isEntryBinary(value))
			return { [TAG]: 'ta', k: kind, sha256: entryHash(value), size: value.byteLength };
		return { [TAG]: 'ta', k: kind, v: toBase64(bytesOf(value)) };
	}
	if (value instanceof Map) {
		return {
			[TAG]: 'map',
			v: [...value].map(([k, v]) => [encodeValue(k, entryHash), encodeValue(v, entryHash)])
		};
	}
	if (value instanceof Set) return { [TAG]: 'set', v: [...value].map((v) => encodeValue(v, entryHash)) };
	if (value instanceof RegExp) return { [TAG]: 're', s: value.source, f: value.flags };
	if (!isPlainObject(value)) throw new TypeError(`Objet non sauvegardable : ${value.constructor?.name}`);
	const out: Record<string, Json> = {};
	for (const key of Object.keys(value)) {
		setOwn(out, key, encodeValue((value as Record<string, unknown>)[key], entryHash));
	}
	return Object.hasOwn(out, TAG) ? { [TAG]: 'obj', v: out } : out;
}

/** Binary bytes of a tagged value: inline base64 (`v`), or an entry (`sha256`, format 2). */
function binaryOf(obj: Record<string, unknown>, entries: EntrySource): Uint8Array<ArrayBuffer> {
	return typeof obj.sha256 === 'string' ? entries.bytes(obj.sha256) : fromBase64(obj.v as string);
}

/** The inverse of encodeValue; `entries` gives the Blobs and bytes stored under references. */
export function decodeValue(value: unknown, entries: EntrySource): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((item) => decodeValue(item, entries));
	const obj = value as Record<string, unknown>;
	if (!Object.hasOwn(obj, TAG)) return decodeFields(obj, entries);
	switch (obj[TAG]) {
		case 'obj':
			return decodeFields(obj.v as Record<string, unknown>, entries);
		case 'num':
			return obj.v === '-0' ? -0 : Number(obj.v);
		case 'bigint':
			return BigInt(obj.v as string);
		case 'undef':
			return undefined;
		case 'date':
			return new Date(obj.v === null ? NaN : (obj.v as number));
		case 'blob':
			return entries.blob(obj as unknown as BlobRef);
		case 'ab':
			return binaryOf(obj, entries).buffer;
		case 'ta': {
			const Ctor = TYPED_ARRAYS[obj.k as TypedArrayName];
			if (!Ctor) throw new TypeError(`Tableau typé inconnu : ${String(obj.k)}`);
			const bytes = binaryOf(obj, entries);
			return new Ctor(bytes.buffer, 0, bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
		}
		case 'map':
			return new Map(
				(obj.v as [unknown, unknown][]).map(([k, v]) => [decodeValue(k, entries), decodeValue(v, entries)])
			);
		case 'set':
			return new Set((obj.v as unknown[]).map((v) => decodeValue(v, entries)));
		case 're':
			return new RegExp(obj.s as string, obj.f as string);
		default:
			throw new TypeError(`Type inconnu : ${String(obj[TAG])}`);
	}
}

function decodeFields(obj: Record<string, unknown>, entries: EntrySource): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(obj)) setOwn(out, key, decodeValue(obj[key], entries));
	return out;
}

/** A key such as "__proto__" is data: define it, never assign it (that would set the prototype). */
function setOwn(target: object, key: string, value: unknown): void {
	Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Entry references inside an encoded (JSON) value, to check that each one is in the archive. */
export function entryRefsOf(value: unknown, out: EntryRef[] = []): EntryRef[] {
	if (value === null || typeof value !== 'object') return out;
	if (Array.isArray(value)) {
		for (const item of value) entryRefsOf(item, out);
		return out;
	}
	const obj = value as Record<string, unknown>;
	const tag = obj[TAG];
	const fields = (o: Record<string, unknown>) => {
		for (const key of Object.keys(o)) entryRefsOf(o[key], out);
	};
	if (!Object.hasOwn(obj, TAG)) fields(obj);
	else if (tag === 'blob')
		out.push({ sha256: String(obj.sha256), kind: 'blob', type: String(obj.type ?? '') });
	else if ((tag === 'ab' || tag === 'ta') && typeof obj.sha256 === 'string')
		out.push({ sha256: obj.sha256, kind: 'bytes' });
	// An escaped object's fields are values, whatever their keys (one may be "$").
	else if (tag === 'obj' && obj.v && typeof obj.v === 'object') fields(obj.v as Record<string, unknown>);
	else if (tag === 'map' || tag === 'set') entryRefsOf(obj.v, out);
	return out;
}
