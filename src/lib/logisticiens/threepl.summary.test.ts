import { describe, expect, it } from 'vitest';
import type { DatasetRecord } from '$lib/db/records';
import { summarisePeriods } from './threepl.summary';
import { testDataset } from '$lib/db/dataset.testing';

function file(
	id: string,
	period: string | null,
	importedAt: number,
	perCarrier: Record<string, number>
): DatasetRecord {
	const rows = Object.values(perCarrier).reduce((a, b) => a + b, 0);
	return testDataset({
		id,
		period,
		importedAt,
		size: 1,
		rowCount: rows,
		chunkCount: 1,
		skipped: id === 'b' ? [{ line: 3, reason: 'x' }] : [],
		meta: { perCarrier, perPartner: { P: rows } }
	});
}

describe('summarisePeriods', () => {
	it('groups files by period, newest first, and adds their counts', () => {
		const out = summarisePeriods([
			file('b', '2026-11', 2, { DPD: 2, DHL: 1 }),
			file('a', '2026-11', 1, { DPD: 3 }),
			file('c', '2026-10', 3, { Colissimo: 4 })
		]);
		expect(out.map((p) => p.period)).toEqual(['2026-11', '2026-10']);
		expect(out[0].files.map((f) => f.id)).toEqual(['a', 'b']);
		expect(out[0].rows).toBe(6);
		expect(out[0].skipped).toBe(1);
		expect(out[0].perCarrier).toEqual([
			['DHL', 1],
			['DPD', 5]
		]);
		expect(out[0].perPartner).toEqual([['P', 6]]);
	});

	it('counts DPD, dpd and « Dpd » as one carrier (RULINGS 20)', () => {
		const out = summarisePeriods([
			file('a', '2026-11', 1, { DPD: 3, 'Colis Privé': 1 }),
			file('b', '2026-11', 2, { dpd: 1, ' Dpd ': 1, 'COLIS PRIVE': 1 })
		]);
		expect(out[0].perCarrier).toEqual([
			['Colis Privé', 2],
			['DPD', 5]
		]);
	});
});
