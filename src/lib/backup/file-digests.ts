/**
 * Records that hold an uploaded file (a dataset's original, a claim's attachment) keep its SHA-256
 * and CRC-32, computed once at import in one pass over the bytes. A backup names and heads that
 * file's ZIP entry from them without reading it again; the verification after the backup re-reads
 * the ZIP and checks every entry's SHA-256, so a digest that no longer matched its Blob would be caught.
 */

export interface FileDigests {
	/** The record's field holding the file. */
	field: string;
	blob: Blob;
	sha256: string;
	/** Absent on records stored before the CRC was kept (see fillMissingCrcs in backup-engine). */
	crc32?: number;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The file a record holds with its digests: one Blob field beside `sha256` (and `crc32`), else null. */
export function fileDigestsOf(record: unknown): FileDigests | null {
	if (record === null || typeof record !== 'object' || Object.getPrototypeOf(record) !== Object.prototype)
		return null;
	const r = record as Record<string, unknown>;
	if (typeof r.sha256 !== 'string' || !SHA256_HEX.test(r.sha256)) return null;
	let found: { field: string; blob: Blob } | null = null;
	for (const field of Object.keys(r)) {
		const value = r[field];
		if (!(value instanceof Blob)) continue;
		if (found) return null; // two files: the digests could describe either
		found = { field, blob: value };
	}
	if (!found) return null;
	const crc = r.crc32;
	const valid = typeof crc === 'number' && Number.isInteger(crc) && crc >= 0 && crc <= 0xffffffff;
	return { ...found, sha256: r.sha256, ...(valid ? { crc32: crc } : {}) };
}
