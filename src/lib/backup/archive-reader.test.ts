import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { zipSync, type Zippable } from 'fflate';
import { openArchive } from './archive-reader';

/** Entries of random sizes, stored or deflated, some larger than the read window. */
const entriesArb = fc.array(
	fc.record({
		size: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 301, max: 3000 })),
		seed: fc.integer({ min: 0, max: 255 }),
		stored: fc.boolean()
	}),
	{ minLength: 1, maxLength: 40 }
);

function bytesOf(size: number, seed: number): Uint8Array {
	const out = new Uint8Array(size);
	let x = seed + 1;
	for (let i = 0; i < size; i++) {
		x = (x * 1103515245 + 12345) & 0x7fffffff;
		out[i] = (x >>> 16) & (seed % 2 ? 0xff : 0x0f); // some compress well, some do not
	}
	return out;
}

describe('Archive read windows (readAhead)', () => {
	it('gives every entry its own bytes, whatever the windows, the order and the entries skipped', async () => {
		await fc.assert(
			fc.asyncProperty(
				entriesArb,
				fc.integer({ min: 64, max: 2048 }),
				fc.func(fc.boolean()),
				async (specs, windowBytes, skip) => {
					const expected = new Map(specs.map((s, i) => [`e${i}`, bytesOf(s.size, s.seed)]));
					const files: Zippable = {};
					specs.forEach((s, i) => (files[`e${i}`] = [expected.get(`e${i}`)!, { level: s.stored ? 0 : 6 }]));
					const zip = new Blob([zipSync(files) as Uint8Array<ArrayBuffer>]);
					const archive = await openArchive(zip, 'test.zip', { marker: 'e0', windowBytes });
					const names = archive.inFileOrder([...expected.keys()]);
					archive.readAhead(names);
					// A forward pass that leaves some entries out, then everything again backwards (off the plan).
					for (const name of names.filter((n) => !skip(n)))
						expect(await archive.bytes(name)).toEqual(expected.get(name));
					for (const name of [...names].reverse())
						expect(await archive.bytes(name)).toEqual(expected.get(name));
				}
			),
			{ numRuns: 150 }
		);
	});
});
