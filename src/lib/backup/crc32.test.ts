import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crc32 } from './crc32';

/** The definition, one bit at a time. */
function reference(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (const b of bytes) {
		c ^= b;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	}
	return (c ^ 0xffffffff) >>> 0;
}

describe('crc32', () => {
	it('gives the standard check value', () => {
		expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
		expect(crc32(new Uint8Array(0))).toBe(0);
	});

	it('agrees with the bitwise definition on any bytes, whole or in parts', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(300), (bytes, cut) => {
				const at = Math.min(cut, bytes.length);
				expect(crc32(bytes)).toBe(reference(bytes));
				expect(crc32(bytes.subarray(at), crc32(bytes.subarray(0, at)))).toBe(reference(bytes));
			})
		);
	});
});
