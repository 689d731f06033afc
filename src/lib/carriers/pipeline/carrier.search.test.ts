import { describe, expect, it } from 'vitest';
import type { ThreePLMatch } from '$lib/logisticiens/threepl.types';
import { lineSearchText } from './carrier.search';
import type { MatchedLine } from './carrier.types';

describe('billed line search', () => {
	it("searches a billed line by its 3PL order numbers, parcel and postcode and the invoice's place", () => {
		const match = {
			originOrder: 'SHOP-5521',
			partnerOrder: 'P-88',
			parcel: 'COLIS42',
			postcode: '33000'
		} as ThreePLMatch;
		const ml = {
			line: { tracking: '0912345', place: 'Bordeaux 33000' },
			partner: 'VELO & CO',
			match
		} as unknown as MatchedLine;
		const text = lineSearchText(ml);
		for (const part of ['0912345', 'VELO & CO', 'SHOP-5521', 'P-88', 'COLIS42', '33000', 'Bordeaux'])
			expect(text).toContain(part);
		expect(lineSearchText({ ...ml, match: null, line: { ...ml.line, place: undefined } })).toBe(
			'0912345 VELO & CO'
		);
	});
});
