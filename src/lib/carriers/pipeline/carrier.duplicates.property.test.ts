import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildLookup } from '$lib/logisticiens/threepl.lookup';
import { matchLines, summarise } from './carrier.analysis';
import type { BilledLine } from './carrier.types';

const lookup = buildLookup([]);
const rules = { acceptsCarrier: () => true };

const arbLines = fc.array(
	fc.record({
		tracking: fc.constantFrom('', 'A1', 'B2', 'C3', 'D4'),
		amountCents: fc.integer({ min: 0, max: 100_000 })
	}),
	{ maxLength: 60 }
);

function toLines(raw: { tracking: string; amountCents: number }[]): BilledLine[] {
	return raw.map((r, i) => ({
		...r,
		day: null,
		weightKg: null,
		source: { datasetId: 'd', fileName: 'f.xlsx', slot: 's', line: i + 2 }
	}));
}

describe('duplicates (RULINGS 2), for any invoice', () => {
	it('flags N−1 lines of a tracking billed N times, never the first, and every line counts in the totals', () => {
		fc.assert(
			fc.property(arbLines, (raw) => {
				const matched = matchLines(toLines(raw), lookup, rules);
				const summary = summarise(matched);
				const seen = new Set<string>();
				let extraLines = 0;
				let extraCents = 0;
				let trackingless = 0;
				matched.forEach((m, i) => {
					const t = raw[i].tracking;
					const expected = t !== '' && seen.has(t);
					if (t) seen.add(t);
					else trackingless += raw[i].amountCents;
					expect(m.flags.some((f) => f.kind === 'doublon')).toBe(expected);
					if (expected) {
						extraLines++;
						extraCents += raw[i].amountCents;
					}
				});
				expect(summary.billedLines).toBe(raw.length);
				expect(summary.totalCents).toBe(raw.reduce((s, r) => s + r.amountCents, 0));
				expect(summary.duplicateExtraLines).toBe(extraLines);
				expect(summary.duplicateExtraCents).toBe(extraCents);
				// A line without tracking is NON ATTRIBUÉ and its amount is to contest (RULINGS 21).
				expect(summary.toContestCents).toBe(extraCents + trackingless);
			})
		);
	});
});
