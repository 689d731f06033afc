/**
 * Property: whatever the bytes — random, or a real legacy pickle truncated, with bytes flipped, inserted,
 * deleted or spliced from another — the reader returns a value or throws a typed 'pickle-*' PilotError
 * naming the file. Never another exception (a crash), never a hang (the run would time out).
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PilotError } from '$lib/i18n/errors';
import { readLegacyPickle } from './index';

const RUNS = Number(process.env.PICKLE_PROPERTY_RUNS ?? 400);
const NAME = 'data/fuzz.pkl';

const SOURCES = ['1.5.3', '2.3.3', '3.0.6'].flatMap((version) => {
	const zip = unzipSync(
		new Uint8Array(
			readFileSync(`tests/fixtures/backup/legacy/pilot_GREENLOG_backup_20261218_174205_pandas-${version}.zip`)
		)
	);
	return [
		'data/attendus_manual_data.pkl',
		'data/attendus_csv_data.pkl',
		'data/indemnisations_data.pkl',
		'data/colissimo_data.pkl',
		'data/attendus_custom_clients_data.pkl'
	].map((name) => zip[name]);
});

/** A value, or a clean refusal: anything else is a bug. */
function readsCleanly(bytes: Uint8Array): void {
	try {
		readLegacyPickle(bytes, NAME);
	} catch (error) {
		if (!(error instanceof PilotError) || !error.code.startsWith('pickle-')) throw error;
		expect(error.details.file).toBe(NAME);
	}
}

const source = fc.constantFrom(...SOURCES);
const byte = fc.integer({ min: 0, max: 255 });
/** Opcode-like bytes more often than chance, so mutations reach deep into the machine. */
const hotByte = fc.oneof(
	byte,
	fc.constantFrom(
		0x28,
		0x2e,
		0x4a,
		0x4b,
		0x52,
		0x5d,
		0x61,
		0x62,
		0x65,
		0x68,
		0x74,
		0x75,
		0x7d,
		0x81,
		0x8c,
		0x93,
		0x94,
		0x95,
		0xff
	)
);

/** Where in a pickle, uniformly (fc.double would crowd near 0 and only ever hit the header). */
const fraction = fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000);

const mutated = fc.oneof(
	fc.tuple(source, fraction).map(([b, at]) => b.subarray(0, Math.floor(at * b.length))),
	fc
		.tuple(source, fc.array(fc.tuple(fraction, hotByte), { minLength: 1, maxLength: 8 }))
		.map(([b, flips]) => {
			const out = b.slice();
			for (const [at, value] of flips) out[Math.floor(at * (out.length - 1))] = value;
			return out;
		}),
	fc.tuple(source, fraction, fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([b, at, insert]) => {
		const cut = Math.floor(at * b.length);
		return new Uint8Array([...b.subarray(0, cut), ...insert, ...b.subarray(cut)]);
	}),
	fc.tuple(source, fraction, fc.integer({ min: 1, max: 64 })).map(([b, at, length]) => {
		const cut = Math.floor(at * b.length);
		return new Uint8Array([...b.subarray(0, cut), ...b.subarray(cut + length)]);
	}),
	fc.tuple(source, source, fraction, fraction).map(([a, b, at, from]) => {
		const cut = Math.floor(at * a.length);
		return new Uint8Array([...a.subarray(0, cut), ...b.subarray(Math.floor(from * b.length))]);
	})
);

describe('legacy pickle reader on hostile bytes (property)', () => {
	it('reads random bytes cleanly', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => readsCleanly(bytes)),
			{ numRuns: RUNS }
		);
	});

	it('reads random opcodes after a valid header cleanly', () => {
		fc.assert(
			fc.property(fc.integer({ min: 2, max: 5 }), fc.array(hotByte, { maxLength: 512 }), (protocol, body) =>
				readsCleanly(new Uint8Array([0x80, protocol, ...body]))
			),
			{ numRuns: RUNS }
		);
	});

	it('reads truncated, flipped, inserted, deleted and spliced real pickles cleanly', () => {
		fc.assert(
			fc.property(mutated, (bytes) => readsCleanly(bytes)),
			{ numRuns: RUNS * 5 }
		);
	});
});
