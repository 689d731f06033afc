import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { blobDigests, digestBytes, digestBytesYielding, sha256Hex, sha256HexSync } from './digests';

// 2.5 MB: three steps, the last one partial.
const bytes = new Uint8Array(2.5 * 1024 * 1024).map((_, i) => (i * 31 + (i >> 9)) & 255);
const expected = {
	sha256: createHash('sha256').update(bytes).digest('hex'),
	crc32: zlibCrc32(bytes)
};

describe('digests', () => {
	it('SHA-256 and CRC-32 in one pass, reporting each megabyte done', () => {
		const steps: number[] = [];
		expect(digestBytes(bytes, (done) => steps.push(done))).toEqual(expected);
		expect(steps).toEqual([1 << 20, 2 << 20, bytes.length]);
	});

	it('the page-thread version gives the same digests', async () => {
		expect(await digestBytesYielding(bytes)).toEqual(expected);
	});

	it('native and JavaScript SHA-256 agree, for bytes and for a Blob', async () => {
		expect(sha256HexSync(bytes)).toBe(expected.sha256);
		expect(await sha256Hex(bytes)).toBe(expected.sha256);
		expect(await blobDigests(new Blob([bytes]))).toEqual(expected);
	});

	it('an empty file has the digests of nothing', () => {
		expect(digestBytes(new Uint8Array(0))).toEqual({
			sha256: createHash('sha256').digest('hex'),
			crc32: 0
		});
	});
});
