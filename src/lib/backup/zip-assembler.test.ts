import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { crc32 } from './crc32';
import { ZipAssembler } from './zip-assembler';

/** CRC-32 and sizes of every entry, from the central directory as any unzip tool reads it. */
function centralDirectory(zip: Uint8Array): Map<string, { crc: number; compressed: number; size: number }> {
	const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	const eocd = zip.length - 22;
	expect(view.getUint32(eocd, true)).toBe(0x06054b50);
	const count = view.getUint16(eocd + 10, true);
	let at = view.getUint32(eocd + 16, true);
	const out = new Map<string, { crc: number; compressed: number; size: number }>();
	for (let i = 0; i < count; i++) {
		expect(view.getUint32(at, true)).toBe(0x02014b50);
		const nameLength = view.getUint16(at + 28, true);
		const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
		out.set(name, {
			crc: view.getUint32(at + 16, true),
			compressed: view.getUint32(at + 20, true),
			size: view.getUint32(at + 24, true)
		});
		at += 46 + nameLength;
	}
	return out;
}

describe('ZipAssembler', () => {
	it('writes a standard ZIP from Blobs (never read), bytes and deflated text, with true CRC-32s', async () => {
		const original = new Uint8Array(300_000).map((_, i) => (i * 7919) % 256);
		const blob = new Blob([original]);
		const chunk = new Uint8Array([1, 2, 3, 4, 5]);
		const text = new TextEncoder().encode('{"id":"a"}\n'.repeat(1000));
		const zip = new ZipAssembler(new Date(2026, 10, 27, 14, 30, 12));
		zip.addStored({ name: 'blobs/original', data: blob, crc32: crc32(original) });
		zip.addStored({ name: 'blobs/chunk', data: chunk, crc32: crc32(chunk) });
		zip.addDeflated('tables/réclamations.ndjson', text, 1);
		const bytes = new Uint8Array(await zip.finish().arrayBuffer());

		const entries = unzipSync(bytes);
		expect(Object.keys(entries)).toEqual(['blobs/original', 'blobs/chunk', 'tables/réclamations.ndjson']);
		expect(entries['blobs/original']).toEqual(original);
		expect(entries['blobs/chunk']).toEqual(chunk);
		expect(entries['tables/réclamations.ndjson']).toEqual(text);
		const directory = centralDirectory(bytes);
		for (const [name, data] of Object.entries(entries)) {
			expect(directory.get(name)!.crc).toBe(zlibCrc32(data));
			expect(directory.get(name)!.size).toBe(data.length);
		}
		expect(directory.get('tables/réclamations.ndjson')!.compressed).toBeLessThan(text.length / 10);
	});
});
