import { describe, expect, it } from 'vitest';
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import { chronopostModule } from '../chronopost/chronopost.module';
import { parseChronopost } from '../chronopost/chronopost.parser';
import { colisPriveModule } from '../colis-prive/colis-prive.module';
import { parseColisPrive } from '../colis-prive/colis-prive.parser';
import { colissimoModule } from '../colissimo/colissimo.module';
import { parseColissimo } from '../colissimo/colissimo.parser';
import { dhlModule } from '../dhl/dhl.module';
import { parseDhl } from '../dhl/dhl.parser';
import { dpdModule } from '../dpd/dpd.module';
import { parseDpd } from '../dpd/dpd.parser';
import { mondialRelayModule } from '../mondial-relay/mondial-relay.module';
import { parseMondialRelay } from '../mondial-relay/mondial-relay.parser';
import type { Parser } from '$lib/intake/parse.types';
import { analyseCarrier, invoiceDays } from './carrier.analysis';
import type { AnyCarrierModule, BilledLine, InvoiceFile } from './carrier.types';
import { fixtureFile, threePLLookup, windowFor } from './pipeline.testing';
import { reconcile, reconciliationHeadline, reconciliationLines } from './reconciliation';

const cents = (euros: number) => Math.round(euros * 100);

/**
 * Each carrier's fixture invoice and what ANSWERS.md says it bills: Σ partners + NON ATTRIBUÉ, what the file
 * prints as its own total (null: it prints none), and the rows read but not analysed (their count).
 */
const CASES: {
	module: AnyCarrierModule;
	files: [string, Parser, string][];
	/** Σ partners + NON ATTRIBUÉ, and NON ATTRIBUÉ alone (null: ANSWERS.md does not give it). */
	analysedCents: number;
	unattributedCents: number | null;
	fileTotalCents: number | null;
	excluded: [string, number][];
}[] = [
	{
		module: dpdModule,
		files: [
			['dpd/DPD_PREDICT.xlsx', parseDpd, 'predict'],
			['dpd/DPD_CLASSIC.xlsx', parseDpd, 'classic']
		],
		analysedCents: cents(1461.05),
		unattributedCents: cents(91.77),
		fileTotalCents: null,
		excluded: []
	},
	{
		module: chronopostModule,
		files: [['chronopost/2026110042_FACTURE_CHRONOPOST.xlsx', parseChronopost, 'facture']],
		// 388,96 € of parcels + 475,00 € of surcharges = the recap's Total HT; NON ATTRIBUÉ: 32,85 € of
		// parcels and the 2 € surcharge billed on one of them.
		analysedCents: cents(863.96),
		unattributedCents: cents(32.85 + 2),
		fileTotalCents: cents(863.96),
		excluded: []
	},
	{
		module: dhlModule,
		files: [['dhl/DHL_INVOICE_PAR7494288.csv', parseDhl, 'facture']],
		analysedCents: cents(2200.68),
		unattributedCents: cents(176.23),
		fileTotalCents: cents(2200.68),
		excluded: []
	},
	{
		module: colisPriveModule,
		files: [['colis-prive/COLIS_PRIVE_202611.csv', parseColisPrive, 'facture']],
		analysedCents: cents(412.89 + 52.5),
		unattributedCents: null,
		fileTotalCents: null,
		excluded: []
	},
	{
		module: colissimoModule,
		files: [['colissimo/FACTURE_COLISSIMO_202611.csv', parseColissimo, 'facture']],
		analysedCents: cents(346.26),
		unattributedCents: cents(45.84),
		fileTotalCents: null,
		excluded: [['envois hors retours (non analysés)', 100]]
	},
	{
		module: mondialRelayModule,
		files: [['mondial-relay/RETOURS_MONDIAL_RELAY_202611.csv', parseMondialRelay, 'retours']],
		analysedCents: cents(354.5),
		unattributedCents: cents(35.4),
		fileTotalCents: null,
		excluded: [
			["lignes d'un autre compte que TOOPOST", 5],
			['lignes listées deux fois (un seul retour)', 3]
		]
	}
];

describe('reconciliation on every carrier fixture (RULINGS 21)', () => {
	for (const c of CASES) {
		it(`${c.module.label}: Σ partenaires + NON ATTRIBUÉ + hors analyse = lignes lues = total du fichier, au centime`, () => {
			const files = c.files.map(([path, parser, slot]) => fixtureFile<never>(path, parser, slot));
			const window = windowFor(invoiceDays(c.module.lines(files)));
			const a = analyseCarrier(c.module, files, threePLLookup(window), window);
			const r = a.reconciliation;
			const lineCents = c.module.billing.lineCents ?? ((l: BilledLine) => l.amountCents);
			const na = a.lines.filter((m) => m.partner === NON_ATTRIBUE);
			expect(r.unattributedLines).toBe(na.length);
			expect(r.unattributedCents).toBe(na.reduce((s, m) => s + lineCents(m.line), 0));
			expect(r.partnersLines + r.unattributedLines).toBe(a.lines.length);
			expect(r.excluded.map((e) => [e.label, e.lines])).toEqual(c.excluded);
			const excluded = r.excluded.reduce((s, e) => s + e.cents, 0);
			expect(r.partnersCents + r.unattributedCents + excluded).toBe(r.readCents);
			expect(r.partnersCents + r.unattributedCents).toBe(c.analysedCents);
			if (c.unattributedCents !== null) expect(r.unattributedCents).toBe(c.unattributedCents);
			expect(r.files.map((f) => f.fileCents)).toEqual(c.fileTotalCents === null ? [] : [c.fileTotalCents]);
			expect(r.gapCents).toBe(0);
			expect(reconciliationHeadline(r)).toBe("Rapprochement : 0,00 € d'écart");
		});
	}

	it('explains a gap with the file total by the lines excluded at import, and names an unexplained one', () => {
		const billing = { rowCents: (r: { c: number }) => r.c };
		const file = (skipped: number[]): InvoiceFile<{ c: number }> => ({
			dataset: {
				id: 'd',
				slot: 'facture',
				fileName: 'F.csv',
				sha256: '',
				original: new Blob([]),
				size: 0,
				period: null,
				rowCount: 1,
				chunkCount: 1,
				columns: [],
				importedAt: 0,
				dateRange: null,
				skipped: skipped.map((line) => ({ line, reason: 'illisible' })),
				meta: { fileTotal: { cents: 1500, label: 'ligne de facture I' } }
			},
			rows: [{ c: 1000 }]
		});
		const line = (c: number) => ({
			line: {
				tracking: 'T',
				day: null,
				amountCents: c,
				weightKg: null,
				source: { datasetId: 'd', fileName: 'F.csv', slot: 'facture', line: 2 }
			},
			match: null,
			partner: 'P',
			conflict: [],
			flags: []
		});
		const skipped = reconcile(billing, [file([7])], [line(1000)]);
		expect(skipped.gapCents).toBe(500);
		expect(reconciliationHeadline(skipped)).toBe("Rapprochement : 5,00 € d'écart");
		expect(reconciliationLines(skipped).join('\n')).toContain(
			"dû à 1 ligne écartée à l'import (illisibles : ligne 7)"
		);
		const unexplained = reconcile(billing, [file([])], [line(1000)]);
		expect(reconciliationLines(unexplained).join('\n')).toContain(
			"que les lignes du fichier n'expliquent pas"
		);
	});
});
