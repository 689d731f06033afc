import { describe, expect, it } from 'vitest';
import { detectPeriod, periodFromFileName } from './threepl.period';

describe('detectPeriod', () => {
	it('takes the most frequent month, ignoring days over 2 months before the latest', () => {
		expect(detectPeriod(['2026-09-30', '2026-10-02', '2026-10-03', '2026-11-01'])).toBe('2026-10');
		expect(detectPeriod(['2025-01-01', '2025-01-02', '2025-01-03', '2026-11-01'])).toBe('2026-11');
	});

	it('breaks ties towards the later month and returns null without days', () => {
		expect(detectPeriod(['2026-10-31', '2026-11-01'])).toBe('2026-11');
		expect(detectPeriod([null, null])).toBeNull();
	});
});

describe('periodFromFileName', () => {
	it.each([
		['LOG_2026_09.xlsx', '2026-09'],
		['export-202611.xls', '2026-11'],
		['logisticien 2026-12 v2.xlsx', '2026-12'],
		['facture.xlsx', null],
		['LOG_2026_13.xlsx', null]
	])('%s → %s', (name, period) => {
		expect(periodFromFileName(name)).toBe(period);
	});
});
