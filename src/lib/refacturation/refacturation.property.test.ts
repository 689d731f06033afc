import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	consolidate,
	REFACT_CARRIERS,
	type CarrierSource,
	type RefactLine
} from './refacturation.consolidate';

const lineArb: fc.Arbitrary<RefactLine> = fc.record({
	partner: fc.constantFrom('ACME', 'acme', 'Zèbre', '', ' ', 'NON ATTRIBUÉ', '=SOMME(A1)'),
	tracking: fc.constantFrom('', 'T1', 'T2', 'T3'),
	order: fc.constantFrom('', 'C1'),
	day: fc.constantFrom(null, '2026-11-02'),
	month: fc.constantFrom('2026-10', '2026-11', 'inconnu'),
	cents: fc.integer({ min: -5_000, max: 50_000 }),
	source: fc.uuid()
});

const sourcesArb: fc.Arbitrary<CarrierSource[]> = fc.array(
	fc.record({
		carrier: fc.constantFrom(...REFACT_CARRIERS.map((c) => c.id)),
		files: fc.integer({ min: 0, max: 3 }),
		lines: fc.array(lineArb, { maxLength: 30 })
	}),
	{ maxLength: 6 }
);

describe('consolidate, for any lines', () => {
	it('TOTAL GÉNÉRAL = Σ detail rows = Σ synthesis; no row ≤ 0; every kept cent comes from a chosen line', () => {
		fc.assert(
			fc.property(sourcesArb, fc.subarray(['2026-10', '2026-11', 'inconnu']), (sources, months) => {
				const c = consolidate(sources, { months, partners: null });
				const rows = c.rows.reduce((s, r) => s + r.totalCents, 0);
				expect(c.total.totalCents).toBe(rows);
				expect(c.synthesis.reduce((s, p) => s + p.totalCents, 0)).toBe(rows);
				expect(c.total.orders).toBe(c.rows.length);
				expect(c.rows.every((r) => r.totalCents > 0 && r.partner.trim() !== '')).toBe(true);
				for (const r of c.rows)
					expect(REFACT_CARRIERS.reduce((s, k) => s + r.cents[k.id], 0)).toBe(r.totalCents);
				// What the carriers billed in the months = kept rows + dropped rows (nothing lost, nothing invented).
				const chosen = sources.flatMap((s) => s.lines).filter((l) => months.includes(l.month));
				const billed = chosen.reduce((s, l) => s + l.cents, 0);
				expect(c.carriers.reduce((s, k) => s + k.cents, 0)).toBe(billed);
				expect(rows).toBeGreaterThanOrEqual(billed);
			})
		);
	});
});
