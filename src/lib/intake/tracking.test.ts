import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normaliseTracking, recogniseCarrier, trackingVariant } from './tracking';

describe('normaliseTracking', () => {
	it.each([
		[25010000000001, '25010000000001'],
		['25010000000001.0', '25010000000001'],
		['25010000000001.00', '25010000000001'],
		['2.5010000000001E+13', '25010000000001'],
		[' xr 123 456 789 fr ', 'XR123456789FR'],
		['6a51623390483', '6A51623390483'],
		["'0998123456", '0998123456'],
		['12.5', '12.5'],
		['', ''],
		[null, ''],
		[true, '']
	])('%j → %j', (input, expected) => {
		expect(normaliseTracking(input)).toBe(expected);
	});

	const digits = fc.stringMatching(/^[1-9]\d{7,15}$/);

	it('gives the same key for a number, its text and its float artefact', () => {
		fc.assert(
			fc.property(digits, (d) => {
				const key = normaliseTracking(d);
				expect(normaliseTracking(`${d}.0`)).toBe(key);
				expect(normaliseTracking(` ${d} `)).toBe(key);
				if (Number.isSafeInteger(Number(d))) expect(normaliseTracking(Number(d))).toBe(key);
			})
		);
	});

	it('is idempotent, space-free and upper-case', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.integer({ min: 0 }), fc.double({ noNaN: true })), (v) => {
				const key = normaliseTracking(v);
				expect(normaliseTracking(key)).toBe(key);
				expect(key).not.toMatch(/\s/);
				expect(key).toBe(key.toUpperCase());
			})
		);
	});

	it('never turns letters into something else', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[A-Z]{2}\d{9}[A-Z]{2}$/), (t) => {
				expect(normaliseTracking(t.toLowerCase())).toBe(t);
			})
		);
	});
});

describe('recogniseCarrier', () => {
	it.each([
		['6A51623390483', 'colissimo'],
		['CB123456789FR', 'colissimo'],
		['XR123456789FR', 'chronopost'],
		['25004569791631', 'dpd'],
		['8986495656', 'dhl'],
		['79656341', 'mondial-relay'],
		['CP123456789012', null],
		['', null]
	])('%s → %s', (t, carrier) => {
		expect(recogniseCarrier(t)).toBe(carrier);
	});
});

describe('trackingVariant', () => {
	it('drops leading zeros of all-digit keys only', () => {
		expect(trackingVariant('0998123456')).toBe('998123456');
		expect(trackingVariant('998123456')).toBeNull();
		expect(trackingVariant('0A12')).toBeNull();
	});
});
