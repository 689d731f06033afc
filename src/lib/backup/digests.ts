/**
 * The one place SHA-256 is computed. Uploaded files (3PL and carrier files, claim attachments,
 * old-app originals) get their SHA-256 and CRC-32 in one pass, kept for the backup (file-digests.ts);
 * the backup and its check use the browser's native digest where there is one.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { crc32 } from './crc32';

export interface Digests {
	sha256: string;
	crc32: number;
}

/** Bytes hashed per step: a progress report, or a pause for the page, between steps. */
const STEP = 1 << 20;

/** SHA-256 and CRC-32 fed the same steps. */
function digester() {
	const hasher = sha256.create();
	let crc = 0;
	return {
		update(step: Uint8Array) {
			hasher.update(step);
			crc = crc32(step, crc);
		},
		result: (): Digests => ({ sha256: bytesToHex(hasher.digest()), crc32: crc })
	};
}

/** SHA-256 (hex) and CRC-32 in one pass; `onStep` hears the bytes done after each megabyte. */
export function digestBytes(bytes: Uint8Array, onStep?: (done: number) => void): Digests {
	const d = digester();
	for (let at = 0; at < bytes.length; at += STEP) {
		d.update(bytes.subarray(at, at + STEP));
		onStep?.(Math.min(at + STEP, bytes.length));
	}
	return d.result();
}

/** digestBytes on the page thread: lets the page breathe between megabytes (attachments up to 25 MB). */
export async function digestBytesYielding(bytes: Uint8Array): Promise<Digests> {
	const d = digester();
	for (let at = 0; at < bytes.length; at += STEP) {
		d.update(bytes.subarray(at, at + STEP));
		await new Promise((resume) => setTimeout(resume, 0));
	}
	return d.result();
}

/** SHA-256 (hex) of bytes, synchronously (a worker's small entries). */
export const sha256HexSync = (bytes: Uint8Array): string => bytesToHex(sha256(bytes));

/** SHA-256 (hex) of bytes or a Blob, by the browser's native digest (many times faster than JS). */
export async function sha256Hex(data: Blob | Uint8Array<ArrayBuffer>): Promise<string> {
	const bytes = data instanceof Blob ? await data.arrayBuffer() : data;
	if (globalThis.crypto?.subtle)
		return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
	return sha256HexSync(new Uint8Array(bytes));
}

/** SHA-256 and CRC-32 of a Blob, read once (a record stored before the CRC was kept). */
export async function blobDigests(blob: Blob): Promise<Digests> {
	const bytes = new Uint8Array(await blob.arrayBuffer());
	return { sha256: await sha256Hex(bytes), crc32: crc32(bytes) };
}
