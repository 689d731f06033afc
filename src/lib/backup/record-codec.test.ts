import { describe, expect, it } from 'vitest';
import {
	BINARY_ENTRY_MIN,
	bytesOf,
	decodeValue,
	encodeValue,
	entryRefsOf,
	type EntryValue
} from './record-codec';

const noEntries = { blob: () => new Blob(), bytes: () => new Uint8Array() as Uint8Array<ArrayBuffer> };
const roundTrip = (value: unknown) =>
	decodeValue(JSON.parse(JSON.stringify(encodeValue(value, () => 'h'))), noEntries);

describe('record codec', () => {
	it('keeps what JSON alone would lose', () => {
		const value = {
			d: new Date(Date.UTC(2026, 10, 27)),
			bad: new Date(NaN),
			z: -0,
			nan: NaN,
			inf: -Infinity,
			big: 12345678901234567890n,
			u: undefined,
			bytes: new Uint8Array([0, 255]),
			f64: new Float64Array([1.5, -0]),
			buf: new Uint8Array([7]).buffer,
			map: new Map<unknown, unknown>([[1, new Set(['a'])]]),
			re: /é+/giu
		};
		expect(roundTrip(value)).toStrictEqual(value);
	});

	it('writes large binary values as entry references, and reads them back as fresh copies', () => {
		const packed = new Uint8Array(BINARY_ENTRY_MIN).map((_, i) => i % 251);
		const words = new Uint16Array(BINARY_ENTRY_MIN / 2).fill(513);
		const stored = new Map<string, Uint8Array<ArrayBuffer>>();
		const hashOf = (value: EntryValue) => {
			const bytes = bytesOf(value as Uint8Array);
			const hash = `h${stored.size}`;
			stored.set(hash, bytes.slice());
			return hash;
		};
		const encoded = JSON.parse(
			JSON.stringify(encodeValue({ packed, words, small: new Uint8Array([1]) }, hashOf))
		);
		expect(encoded.packed).toEqual({ $: 'ta', k: 'Uint8Array', sha256: 'h0', size: BINARY_ENTRY_MIN });
		expect(encoded.small).toEqual({ $: 'ta', k: 'Uint8Array', v: 'AQ==' });
		expect(entryRefsOf(encoded)).toEqual([
			{ sha256: 'h0', kind: 'bytes' },
			{ sha256: 'h1', kind: 'bytes' }
		]);
		const back = decodeValue(encoded, {
			blob: () => new Blob(),
			bytes: (h) => stored.get(h)!.slice()
		}) as Record<string, unknown>;
		expect(back).toStrictEqual({ packed, words, small: new Uint8Array([1]) });
	});

	it('finds the entries inside an escaped object, whatever its keys', () => {
		const encoded = JSON.parse(
			JSON.stringify(encodeValue({ $: [new Blob(['x'], { type: 'text/plain' })] }, () => 'h'))
		);
		expect(entryRefsOf(encoded)).toEqual([{ sha256: 'h', kind: 'blob', type: 'text/plain' }]);
	});

	it('escapes user keys that look like its type tags', () => {
		const value = { $: 'date', v: 5, nested: { $: { $: 'num', v: '-0' } } };
		const encoded = encodeValue(value, () => 'h');
		expect(encoded).toEqual({
			$: 'obj',
			v: { $: 'date', v: 5, nested: { $: 'obj', v: { $: { $: 'obj', v: { $: 'num', v: '-0' } } } } }
		});
		expect(roundTrip(value)).toStrictEqual(value);
	});

	it('keeps "__proto__" as an ordinary key', () => {
		const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
		const back = roundTrip(value) as Record<string, unknown>;
		expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
		expect(Object.keys(back)).toEqual(['__proto__', 'a']);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('refuses values it cannot restore faithfully', () => {
		expect(() => encodeValue({ f: () => 1 }, () => 'h')).toThrow(/non sauvegardable/);
		expect(() => encodeValue(new (class Custom {})(), () => 'h')).toThrow(/non sauvegardable/);
	});
});
