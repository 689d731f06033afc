import { describe, expect, it } from 'vitest';
import { PilotError } from '$lib/i18n/errors';
import type { Cell, RawSheet } from '$lib/intake/read';
import { fixtureFile } from '../pipeline/pipeline.testing';
import {
	classifySurcharge,
	parseChronopost,
	type ChronoParcel,
	type ChronoRow,
	type ChronoSurcharge
} from './chronopost.parser';

const HEADER: Cell[] = [
	null,
	'Date',
	null,
	"N° d'objet",
	'Destinataire',
	'Pays',
	'Poids',
	'Produit',
	'Montant HT',
	'Obs'
];
const UNITS: Cell[] = [null, null, null, null, null, null, 'kg', null, 'EUR', null];
const parcel = (date: Cell, tracking: string, weight: Cell, amount: Cell, recipient = 'DUPONT'): Cell[] => [
	null,
	date,
	null,
	tracking,
	recipient,
	'FR',
	weight,
	'Chrono 13',
	amount,
	null
];
const surcharge = (label: string, amount: Cell, extra: Cell = null): Cell[] => [
	null,
	null,
	null,
	extra,
	label,
	null,
	null,
	null,
	amount,
	null
];

function parse(rows: Cell[][], name = 'Table 1', more: RawSheet[] = []) {
	return parseChronopost([{ name, rows }, ...more], { fileName: '40123456_CHRONOPOST_202501.xlsx' });
}
const parcels = (r: { rows: unknown[] }) =>
	(r.rows as ChronoRow[]).filter((x): x is ChronoParcel => x.kind === 'envoi');
const surcharges = (r: { rows: unknown[] }) =>
	(r.rows as ChronoRow[]).filter((x): x is ChronoSurcharge => x.kind === 'surplus');

describe('Chronopost invoice parser', () => {
	// Legacy fault (§2.4, LEGACY-DIFFS): the surcharge scan started at Excel row 101, so the 23 surcharges
	// (311 €) printed above it were lost. They are read from the first detail header on.
	it('reads the surcharges above row 100 of the fixture (legacy row-100 scan)', () => {
		const file = fixtureFile<ChronoRow>(
			'chronopost/2026110042_FACTURE_CHRONOPOST.xlsx',
			parseChronopost,
			'facture'
		);
		const early = surcharges(file).filter((s) => s._line < 100);
		expect(early).toHaveLength(23);
		expect(early.reduce((sum, s) => sum + s.amountCents, 0)).toBe(31_100);
		// …and never from the invoice's recap block at the top (rows 10–19 name the same types).
		expect(Math.min(...surcharges(file).map((s) => s._line))).toBeGreaterThan(23);
	});

	// Legacy fault (§2.12.2): "TRAITEMENT RETOUR EXPEDITEUR" matched RETOUR + EXPEDITEUR first and was typed
	// as a 20 € "Retour expéditeur". The longer label wins now (RULINGS 8).
	it('types "TRAITEMENT RETOUR EXPEDITEUR" as a Traitement, not a Retour', () => {
		const r = parse([
			HEADER,
			UNITS,
			[],
			parcel('17/01/2025', 'XA987654321FR', 0.4, 9),
			surcharge('TRAITEMENT RETOUR EXPEDITEUR', 2),
			surcharge('RETOUR EXPEDITEUR', 20)
		]);
		expect(surcharges(r).map((s) => [s.type, s.amountCents, s.tracking])).toEqual([
			['Traitement Retour expéditeur', 200, 'XA987654321FR'],
			['Retour expéditeur', 2000, 'XA987654321FR']
		]);
	});

	// Legacy fault (§2.12.2): keywords were matched with accents, so ÉTIQUETTE, EXPÉDITEUR, ÉLOIGNÉ were missed.
	it('folds accents before matching labels', () => {
		expect(classifySurcharge('Étiquette non conforme')).toBe('Etiquette non conforme');
		expect(classifySurcharge('RETOUR EXPÉDITEUR')).toBe('Retour expéditeur');
		expect(classifySurcharge('ZONE ÉLOIGNÉE')).toBe("Zones Difficiles d'accès");
		expect(classifySurcharge('Supplément hors-norme')).toBe('Supplément hors norme');
		expect(classifySurcharge('FRAIS DE DOSSIER')).toBeNull();
	});

	// Legacy fault (§2.12.2): the amount was the first number between 0 and 100 of the row (a quantity `1`,
	// a weight), and amounts of 100 € or more were lost. The amount column of the header is read now.
	it('reads the amount from the amount column, whatever else the row holds', () => {
		const r = parse([
			HEADER,
			parcel('17/01/2025', '6A12345678901', 3.5, 6.1),
			surcharge('HORS NORME MANUTENTION', 20, 1),
			surcharge('SUPPLEMENT HORS NORME', 140)
		]);
		expect(surcharges(r).map((s) => [s.type, s.amountCents])).toEqual([
			['Supplément manutention', 2000],
			['Supplément hors norme', 14_000]
		]);
	});

	it('never takes a parcel row for a surcharge (a "CORSE" address) nor a subtotal line', () => {
		const r = parse([
			HEADER,
			parcel('18/01/2025', 'XT555666777FR', 4.6, 8.74, 'AJACCIO CORSE'),
			[null, 'Sous-total retour expéditeur', null, null, null, null, null, null, 22, null],
			[null, 'Page 1', null, null, null, null, null, null, null, null]
		]);
		expect(parcels(r)).toHaveLength(1);
		expect(surcharges(r)).toEqual([]);
	});

	// Legacy fault (§2.12.3): serial dates became 01/01/1970 and dd/mm text was read month-first.
	it('reads Excel serials and day-first dates, and reports a parcel without a readable date', () => {
		const r = parse([
			HEADER,
			parcel(45673, 'XA987654321FR', 0.4, 9),
			parcel('05/01/2025', 'XR123456789FR', '1,2', '4,25'),
			parcel('pas de date', 'MH000111222FR', 1, 3)
		]);
		expect(parcels(r).map((p) => [p.tracking, p.date, p.weightKg, p.amountCents])).toEqual([
			['XA987654321FR', '2025-01-16', 0.4, 900],
			['XR123456789FR', '2025-01-05', 1.2, 425]
		]);
		expect(r.errors).toEqual([
			{ line: 4, message: expect.stringContaining('date illisible « pas de date »') }
		]);
	});

	// Legacy fault (§2.12.5–6): only "Table 1" was read, and "Poids (kg)" / "Obs." were not recognised.
	it('reads every "Table N" sheet and lenient headers', () => {
		const header2: Cell[] = ['Date', 'Numéro objet', 'Destination', 'Poids (kg)', 'Montant', 'Obs.'];
		const r = parse([HEADER, parcel('20/01/2025', 'XR123456789FR', 1.2, 4.25)], 'Table 1', [
			{
				name: 'Table 2',
				rows: [
					header2,
					['21/01/2025', 'LD000111222FR', '00100 ROMA', 12, 15, 'DOUBLON'],
					[null, 'ETIQUETTE NON CONFORME', null, null, 2, null]
				]
			},
			{ name: 'Notes', rows: [header2, ['22/01/2025', 'XT000000001FR', 'X', 1, 99, null]] }
		]);
		expect(parcels(r).map((p) => [p.tracking, p.weightKg, p.amountCents, p.obs, p.sheet])).toEqual([
			['XR123456789FR', 1.2, 425, '', 'Table 1'],
			['LD000111222FR', 12, 1500, 'DOUBLON', 'Table 2']
		]);
		expect(surcharges(r).map((s) => [s.tracking, s.amountCents])).toEqual([['LD000111222FR', 200]]);
	});

	it('keeps the invoice number, reports unknown billed labels and orphan surcharges', () => {
		const r = parse([
			[null, 'N° facture', null, 'F40123456'],
			HEADER,
			surcharge('ETIQUETTE NON CONFORME', 2),
			parcel('20/01/2025', 'XR123456789FR', 1.2, 4.25),
			surcharge('ASSURANCE AD VALOREM', 3.5)
		]);
		expect(r.meta).toMatchObject({
			invoice: 'F40123456',
			unknownLabels: [{ line: 5, label: 'ASSURANCE AD VALOREM', amountCents: 350 }]
		});
		expect(r.errors).toEqual([{ line: 3, message: expect.stringContaining('sans colis au-dessus') }]);
		// Kept under its parcel, so the page lists it instead of dropping it silently.
		expect((r.rows as unknown as ChronoRow[]).filter((x) => x.kind === 'autre')).toEqual([
			expect.objectContaining({ tracking: 'XR123456789FR', label: 'ASSURANCE AD VALOREM', amountCents: 350 })
		]);
		expect(parcels(r)[0].invoice).toBe('F40123456');
	});

	it('refuses a workbook without a detail header, or without any parcel', () => {
		const err = (rows: Cell[][]) => {
			try {
				parse(rows);
			} catch (e) {
				return (e as PilotError).code;
			}
			return null;
		};
		expect(err([['CHRONOPOST SAS - FACTURE'], ['Total HT', 152.38]])).toBe('missing-column');
		expect(err([HEADER, UNITS, [null, 'Total général HT', null, null, null, null, null, null, 0]])).toBe(
			'empty-file'
		);
	});
});
