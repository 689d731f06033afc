import { describe, expect, it } from 'vitest';
import { rangeLabel } from './range-label';

describe('rangeLabel', () => {
	it('names a date range in French days, or says the dates are unknown', () => {
		expect(rangeLabel(['2026-10-02', '2026-11-30'])).toBe('Du 02/10/2026 au 30/11/2026');
		expect(rangeLabel(null)).toBe('Dates inconnues');
	});
});
