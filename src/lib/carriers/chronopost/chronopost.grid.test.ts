import { describe, expect, it } from 'vitest';
import { EU_BANDS, EU_PRICES, FR_BANDS, FR_PRICES, gridPrice, kgToGrams } from './chronopost.grid';

describe('Chronopost grids', () => {
	it('cover 0–20 kg in France and 0–15 kg in Europe with no gap between bands', () => {
		for (const [bands, last] of [
			[FR_BANDS, 20_000],
			[EU_BANDS, 15_000]
		] as const) {
			expect(bands[0].fromG).toBe(0);
			for (let i = 1; i < bands.length; i++) expect(bands[i].fromG).toBe(bands[i - 1].toG);
			expect(bands[bands.length - 1].toG).toBe(last);
		}
		expect(FR_PRICES).toHaveLength(FR_BANDS.length);
		expect(Object.keys(EU_PRICES)).toHaveLength(24);
		for (const prices of Object.values(EU_PRICES)) expect(prices).toHaveLength(EU_BANDS.length);
	});

	it('uses inclusive upper bounds', () => {
		expect(gridPrice(500, 'FR')?.cents).toBe(245);
		expect(gridPrice(501, 'FR')?.cents).toBe(254);
		expect(gridPrice(1000, 'FR')?.cents).toBe(254);
		expect(gridPrice(20_000, 'FR')?.cents).toBe(1120);
		expect(gridPrice(20_001, 'FR')).toBeNull();
	});

	it('keeps the France 8–9 kg price as contracted (higher than 9–10 kg) until the business confirms it', () => {
		expect(gridPrice(8_500, 'FR')?.cents).toBe(726);
		expect(gridPrice(9_500, 'FR')?.cents).toBe(655);
	});

	// Legacy fault (spec §2.6): the Europe bracket was chosen with France breakpoints, so DE 3.5 kg,
	// DE 5.5 kg, BE 8 kg and IT 12 kg had no price at all. They must all be priced now.
	it('prices every Europe weight up to 15 kg (legacy Europe bracket bug)', () => {
		expect(gridPrice(3_500, 'DE')).toEqual({ cents: 874, band: '3.00 - 5.00' });
		expect(gridPrice(5_500, 'DE')).toEqual({ cents: 1012, band: '5.00 - 7.00' });
		expect(gridPrice(8_000, 'BE')).toEqual({ cents: 1102, band: '7.00 - 10.00' });
		expect(gridPrice(12_000, 'IT')).toEqual({ cents: 1794, band: '10.00 - 15.00' });
		expect(gridPrice(15_001, 'IT')).toBeNull();
		for (let g = 1; g <= 15_000; g += 37) expect(gridPrice(g, 'PL')).not.toBeNull();
	});

	it('has no price without weight or outside the grids', () => {
		expect(gridPrice(null, 'FR')).toBeNull();
		expect(gridPrice(0, 'FR')).toBeNull();
		expect(gridPrice(1000, 'GB')).toBeNull();
		expect(gridPrice(1000, '')).toBeNull();
		expect(gridPrice(1000, ' be ')?.cents).toBe(380);
	});

	it('converts billed kilograms to grams without floating-point drift', () => {
		expect(kgToGrams(2.3)).toBe(2300);
		expect(kgToGrams(0.1 + 0.2)).toBe(300);
		expect(kgToGrams(null)).toBeNull();
	});
});
