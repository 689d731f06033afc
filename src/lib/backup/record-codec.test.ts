import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue } from './record-codec';

const roundTrip = (value: unknown) =>
	decodeValue(JSON.parse(JSON.stringify(encodeValue(value, () => 'h'))), () => new Blob());

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
