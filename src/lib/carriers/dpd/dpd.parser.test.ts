import { describe, expect, it } from 'vitest';
import type { Cell, RawSheet } from '$lib/intake/read';
import { PilotError } from '$lib/i18n/errors';
import { parseDpd, type DpdRow } from './dpd.parser';
import { analyseDpd, dpdLines } from './dpd.rules';
import { matchLines } from '../pipeline/carrier.analysis';
import { buildLookup } from '$lib/logisticiens/threepl.lookup';
import { testDataset } from '$lib/db/dataset.testing';

const HEADER = [
	'DPD ID',
	'N° Colis',
	'Date expédition',
	'Nom destinataire',
	'Ville destinataire',
	'CP destinataire',
	'Code pays destinataire',
	'Prix transport',
	'Supplément île et montagne',
	'Nombre Retour expédition',
	'Fact. Retour expédition',
	'Indexation gasoil',
	'Participation Sureté',
	'Contribution Logistique Responsable'
];

function sheet(...rows: Cell[][]): RawSheet[] {
	return [
		{ name: 'Feuil1', rows: [HEADER, ...rows] },
		{ name: 'Autre', rows: [['ignorée']] }
	];
}

const parse = (...rows: Cell[][]) => parseDpd(sheet(...rows), { fileName: 'DPD_Predict.xlsx' });
const rowsOf = (...rows: Cell[][]) => parse(...rows).rows as unknown as DpdRow[];

describe('parseDpd (legacy §5.2 sample)', () => {
	it('reads number, text, serial and date-cell IDs and dates the same way', () => {
		const rows = rowsOf(
			[25010000000001, 'C001', 45660, 'Dupont', 'Paris', 75001, 'FR', 5.1, 0, 0, 0, 0.51, 0.1, 0.05],
			[
				'25010000000002',
				'C002',
				new Date(Date.UTC(2025, 0, 4)),
				'Martin',
				'Ajaccio',
				'20000',
				'FR',
				6.2,
				12.5,
				0,
				0,
				0.6,
				0.1,
				0.05
			],
			['25010000000005.0', 'C005', '05/01/2025', 'Petit', 'Nice', 6000, 'FR', 4, 0, 0, 0, 0.4, 0.1, 0.05]
		);
		expect(rows.map((r) => [r.dpdId, r.day, r.postcode])).toEqual([
			['25010000000001', '2025-01-03', '75001'],
			['25010000000002', '2025-01-04', '20000'],
			// Legacy bug 10: "06000" became 6000.
			['25010000000005', '2025-01-05', '06000']
		]);
	});

	it('reads French amounts: "7,30" is 7,30 €, not 0 (legacy bug 5)', () => {
		const [row] = rowsOf([
			25010000000003,
			'C003',
			'05/01/2025',
			'Durand',
			'Lyon',
			'69001',
			'FR',
			'7,30',
			0,
			1,
			5.5,
			0.7,
			0.1,
			0.05
		]);
		expect(row.transportCents).toBe(730);
		const [detail] = analyseDpd(
			matchLines(dpdLines([{ dataset: dataset(), rows: [row] }]), buildLookup([]), {
				acceptsCarrier: () => true
			})
		).detail;
		expect(detail.prixTotalCents).toBe(1365);
		expect(detail.totalAvecTaxesCents).toBe(635);
	});

	it('reads an ID-less row as the file total, a subtotal, or a line billed without its ID (legacy bug 6, RULINGS 21)', () => {
		const line = (id: Cell, price: Cell, label: Cell = 'Dupont'): Cell[] => [
			id,
			null,
			45660,
			label,
			'Paris',
			75001,
			'FR',
			price,
			0,
			0,
			0,
			0,
			0,
			0
		];
		const result = parse(
			line(25010000000001, 5),
			line(25010000000002, 7),
			line(null, 3),
			line(null, 15, 'Sous-total page 1'),
			line(null, 15),
			line(null, 15, 'TOTAL FACTURE')
		);
		// The ID-less 3 € line is kept (NON ATTRIBUÉ « tracking absent »), the subtotal is not a line, and the
		// unlabelled 15 € row is the sum of the lines above: the file's total, as is the labelled one.
		expect((result.rows as unknown as DpdRow[]).map((r) => [r.dpdId, r.transportCents])).toEqual([
			['25010000000001', 500],
			['25010000000002', 700],
			['', 300]
		]);
		expect(result.errors).toEqual([]);
		expect(result.meta?.fileTotal).toEqual({ cents: 1500, label: 'ligne de total (ligne 7)' });
	});

	it('lists unreadable cells with their line instead of zeroing them', () => {
		const result = parse([
			25010000000001,
			'C001',
			'pas une date',
			'Dupont',
			'Paris',
			75001,
			'FR',
			'abc',
			0,
			0,
			0,
			0.51,
			0.1,
			0.05
		]);
		expect(result.rows).toHaveLength(0);
		expect(result.errors[0].line).toBe(2);
		expect(result.errors[0].message).toContain('« Prix transport » illisible : « abc »');
		expect(result.errors[0].message).toContain('« Date expédition » illisible');
	});

	it('reads only the first sheet and names the missing columns', () => {
		expect(() =>
			parseDpd([{ name: 'Feuil1', rows: [['Tracking', 'Montant']] }], { fileName: 'x.xlsx' })
		).toThrow(PilotError);
		expect(parse().rows).toEqual([]);
	});

	it('gives the invoice date range and its month', () => {
		const result = parse(
			[1, 'a', '30/10/2026', '', '', '', 'FR', 1, 0, 0, 0, 0, 0, 0],
			[2, 'b', '02/11/2026', '', '', '', 'FR', 1, 0, 0, 0, 0, 0, 0],
			[3, 'c', '03/11/2026', '', '', '', 'FR', 1, 0, 0, 0, 0, 0, 0]
		);
		expect(result.dateRange).toEqual(['2026-10-30', '2026-11-03']);
		expect(result.period).toBe('2026-11');
	});
});

function dataset() {
	return testDataset({
		id: 'd',
		slot: 'predict',
		fileName: 'DPD_Predict.xlsx',
		sha256: 'x',
		rowCount: 1,
		chunkCount: 1,
		importedAt: 1
	});
}
