import { describe, expect, it } from 'vitest';
import { formatBytes, formatCents, formatDay, formatPeriod, plural, todayIso } from './format';

describe('French formats', () => {
	it('formats cents as euros with a decimal comma and spaced thousands', () => {
		expect(formatCents(123456)).toBe('1 234,56 €');
		expect(formatCents(1000)).toBe('10,00 €');
		expect(formatCents(-5)).toBe('-0,05 €');
	});
	it('formats days day-first', () => {
		expect(formatDay('2026-11-27')).toBe('27/11/2026');
		expect(formatDay(null)).toBe('');
	});
	it('names periods in French', () => {
		expect(formatPeriod('2026-08')).toBe('Août 2026');
		expect(formatPeriod('bad')).toBe('Période inconnue');
	});
	it('formats sizes and plurals', () => {
		expect(formatBytes(2048)).toBe('2 Ko');
		expect(plural(1, 'période')).toBe('1 période');
		expect(plural(1200, 'indemnisation')).toBe('1 200 indemnisations');
	});
	it('gives the local day', () => {
		expect(todayIso(new Date(2026, 10, 27, 23, 59))).toBe('2026-11-27');
	});
});
