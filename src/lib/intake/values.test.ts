import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	dominantMonth,
	mostFrequent,
	excelSerialToDay,
	headerKey,
	normalisePostcode,
	parseCents,
	parseDay,
	parseGrams,
	parseNumber,
	sameKey,
	groupCounts
} from './values';

describe('parseNumber', () => {
	it.each([
		['1 234,50', 1234.5],
		['1\u00a0234,50', 1234.5],
		['1.234,50', 1234.5],
		['1,234.50', 1234.5],
		['1234.5', 1234.5],
		['12,3', 12.3],
		['-3,20 €', -3.2],
		['1.234.567', 1234567],
		['(5,00)', -5],
		[12.3, 12.3],
		['', null],
		['abc', null],
		['12a', null],
		[null, null]
	])('%j → %j', (input, expected) => {
		expect(parseNumber(input)).toBe(expected);
	});

	it('reads back any amount written the French way', () => {
		fc.assert(
			fc.property(fc.integer({ min: -99_999_999_99, max: 99_999_999_99 }), (cents) => {
				const abs = Math.abs(cents);
				const euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
				const text = `${cents < 0 ? '-' : ''}${euros},${String(abs % 100).padStart(2, '0')}`;
				expect(parseCents(text)).toBe(cents);
				expect(parseCents(text.replace(/ /g, '.'))).toBe(cents);
				expect(parseCents((cents / 100).toFixed(2))).toBe(cents);
			})
		);
	});
});

describe('parseCents', () => {
	it('rounds the written decimal half away from zero', () => {
		expect(parseCents('1,005')).toBe(101);
		expect(parseCents(1.005)).toBe(101);
		expect(parseCents(-1.005)).toBe(-101);
		expect(parseCents(12.3)).toBe(1230);
		expect(parseCents('1 234,50')).toBe(123450);
		expect(parseCents(0.1 + 0.2)).toBe(30);
	});
});

describe('parseGrams', () => {
	it('reads grams and kilograms columns into whole grams', () => {
		expect(parseGrams('1 200', 'g')).toBe(1200);
		expect(parseGrams('1,5', 'kg')).toBe(1500);
		expect(parseGrams(0.285, 'kg')).toBe(285);
		expect(parseGrams('2.3', 'kg')).toBe(2300);
		expect(parseGrams('-1', 'g')).toBeNull();
		expect(parseGrams('lourd', 'kg')).toBeNull();
	});
});

describe('parseDay', () => {
	it.each([
		['27/11/2026', '2026-11-27'],
		['27/11/2026 14:05:00', '2026-11-27'],
		['27/11/2026 14:05', '2026-11-27'],
		['1/9/26', '2026-09-01'],
		['27.11.2026', '2026-11-27'],
		['2026-11-27', '2026-11-27'],
		['2026-11-27T23:30:00Z', '2026-11-27'],
		['20261127', '2026-11-27'],
		[46353, '2026-11-27'],
		[46353.75, '2026-11-27'],
		['46353', '2026-11-27'],
		[new Date(Date.UTC(2026, 10, 27)), '2026-11-27'],
		['31/02/2026', null],
		['13/13/2026', null],
		['hier', null],
		[null, null]
	])('%j → %j', (input, expected) => {
		expect(parseDay(input)).toBe(expected);
	});

	it('matches Excel serials across the 1900 leap-year bug', () => {
		expect(excelSerialToDay(1)).toBe('1900-01-01');
		expect(excelSerialToDay(61)).toBe('1900-03-01');
		expect(excelSerialToDay(45658)).toBe('2025-01-01');
	});
});

describe('normalisePostcode', () => {
	it('pads French and Monaco codes, keeps foreign ones (RULINGS 6)', () => {
		expect(normalisePostcode(6000, 'FR')).toBe('06000');
		expect(normalisePostcode('6000', 'France')).toBe('06000');
		expect(normalisePostcode(8000, 'MC')).toBe('08000');
		expect(normalisePostcode(6000, null)).toBe('06000');
		expect(normalisePostcode('75 001', 'FR')).toBe('75001');
		expect(normalisePostcode('1000', 'BE')).toBe('1000');
		expect(normalisePostcode('10115', 'DE')).toBe('10115');
		expect(normalisePostcode('SW1A 1AA', 'GB')).toBe('SW1A 1AA');
		expect(normalisePostcode('6000.0', 'FR')).toBe('06000');
	});
});

describe('headerKey', () => {
	it('ignores case, accents, apostrophes and spacing', () => {
		expect(headerKey("  Date d'Expédition ")).toBe('date d expedition');
		expect(headerKey('Date d expedition')).toBe('date d expedition');
		expect(headerKey('Numéro   de\u00a0tracking')).toBe('numero de tracking');
	});
});

describe("dominantMonth (a file's period)", () => {
	it('takes the month most days fall in, the later one on a tie, ignoring blanks', () => {
		expect(dominantMonth(['2026-10-31', '2026-11-02', '2026-11-03', null, ''])).toBe('2026-11');
		expect(dominantMonth(['2026-10-01', '2026-11-01'])).toBe('2026-11');
		expect(dominantMonth([])).toBeNull();
		expect(mostFrequent(['EUR', 'EUR', 'CHF', undefined])).toBe('EUR');
	});
});

describe('sameKey (RULINGS 20)', () => {
	it('sees through case, accents, spaces, and reads numbers as numbers', () => {
		expect(sameKey('TOOPOST')).toBe(sameKey(' Toopost '));
		expect(sameKey('Éléonore  Dupré')).toBe(sameKey('eleonore dupre'));
		expect(sameKey('4,40')).toBe(sameKey('4.4'));
		expect(sameKey('4,40')).toBe(sameKey(4.4));
		expect(sameKey('1 234,50')).toBe(sameKey(1234.5));
		expect(sameKey('')).toBe(sameKey(null));
		expect(sameKey('A1')).not.toBe(sameKey('A2'));
		expect(sameKey('4,41')).not.toBe(sameKey('4.4'));
	});

	it('keeps digit runs past 15 digits as text, never rounding two trackings into one', () => {
		expect(sameKey('12345678901234567')).not.toBe(sameKey('12345678901234568'));
	});

	it('groups counts under the most frequent spelling', () => {
		expect(
			groupCounts([
				['DPD', 3],
				['dpd', 1],
				['Chronopost', 2]
			])
		).toEqual([
			['Chronopost', 2],
			['DPD', 4]
		]);
	});
});
