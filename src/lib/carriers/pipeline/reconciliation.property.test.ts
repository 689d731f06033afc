import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import { testDataset } from '$lib/db/dataset.testing';
import { buildLookup } from '$lib/logisticiens/threepl.lookup';
import type { ThreePLRow } from '$lib/logisticiens/threepl.types';
import { dpdModule } from '../dpd/dpd.module';
import { analyseCarrier } from './carrier.analysis';
import type { BilledLine, CarrierModule, InvoiceFile } from './carrier.types';

interface Row {
	tracking: string;
	cents: number;
	_line: number;
}

const KNOWN = ['AB123', 'CD456', 'EF789'];

function threePL(tracking: string, partner: string): ThreePLRow {
	return {
		tracking,
		partner,
		carrier: 'DPD',
		originOrder: '',
		partnerOrder: '',
		orderDate: null,
		shipDate: null,
		weightG: null,
		country: 'FR',
		postcode: '',
		_line: 2
	};
}

const lookup = buildLookup([
	{
		dataset: testDataset({ id: '3pl', period: '2026-11', importedAt: 1 }),
		rows: [threePL('AB123', 'P1'), threePL('CD456', 'P2'), threePL('EF789', '')]
	}
]);

const module: CarrierModule<Row, BilledLine, null> = {
	// A bare carrier: DPD's identity, none of its own rules, tabs or exports.
	id: dpdModule.id,
	store: dpdModule.store,
	home: dpdModule.home,
	libraryIcon: dpdModule.libraryIcon,
	refacturation: dpdModule.refacturation,
	parser: dpdModule.parser,
	inputs: dpdModule.inputs,
	label: 'Test',
	rules: { acceptsCarrier: () => true },
	lines: (files: InvoiceFile<Row>[]): BilledLine[] =>
		files.flatMap(({ dataset, rows }) =>
			rows.map((r) => ({
				// As written: the pipeline's matching and duplicate tests must see through case and spaces.
				tracking: r.tracking,
				day: null,
				amountCents: r.cents,
				weightKg: null,
				source: { datasetId: dataset.id, fileName: dataset.fileName, slot: 'f', line: r._line }
			}))
		),
	billing: { rowCents: (r: Row) => r.cents },
	analyse: () => null,
	kpis: [],
	tabs: [],
	exports: []
};

/** A tracking as a careless export writes it: known or not, blank, or in another case with spaces. */
const arbTracking = fc.oneof(
	fc.constant(''),
	fc.constantFrom(...KNOWN, 'ZZ000'),
	fc
		.tuple(fc.constantFrom(...KNOWN), fc.boolean(), fc.boolean())
		.map(([t, lower, padded]) => (padded ? ` ${lower ? t.toLowerCase() : t} ` : lower ? t.toLowerCase() : t))
);

const arbFiles = fc.array(
	fc.array(fc.record({ tracking: arbTracking, cents: fc.integer({ min: -50_000, max: 500_000 }) }), {
		maxLength: 40
	}),
	{ minLength: 1, maxLength: 3 }
);

describe('every billed euro is accounted for, for any invoice (RULINGS 21)', () => {
	it('Σ partners + NON ATTRIBUÉ = Σ lines, to the cent; lines without tracking are NON ATTRIBUÉ; case-changed copies are Doublons', () => {
		fc.assert(
			fc.property(arbFiles, (raw) => {
				const files: InvoiceFile<Row>[] = raw.map((rows, f) => ({
					dataset: testDataset({ id: `d${f}`, period: '2026-11', importedAt: f }),
					rows: rows.map((r, i) => ({ ...r, _line: i + 2 }))
				}));
				const a = analyseCarrier(module, files, lookup, ['2026-11']);
				const r = a.reconciliation;
				const all = raw.flat();
				const sum = all.reduce((s, x) => s + x.cents, 0);
				expect(r.partnersCents + r.unattributedCents).toBe(sum);
				expect(r.readCents).toBe(sum);
				expect(r.readLines).toBe(all.length);
				expect(r.gapCents).toBe(0);
				expect(a.summary.totalCents).toBe(sum);
				const blank = a.lines.filter((m) => !m.line.tracking);
				expect(blank.every((m) => m.partner === NON_ATTRIBUE)).toBe(true);
				expect(blank.every((m) => m.flags.some((f) => f.kind === 'sans-tracking'))).toBe(true);
				const seen = new Set<string>();
				for (const m of a.lines) {
					const key = m.line.tracking.trim().toUpperCase();
					expect(m.flags.some((f) => f.kind === 'doublon')).toBe(key !== '' && seen.has(key));
					if (key) seen.add(key);
				}
			})
		);
	});
});
