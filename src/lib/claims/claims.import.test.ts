import { describe, expect, it } from 'vitest';
import { utils, write } from '@e965/xlsx';
import type { ClaimRecord } from '$lib/db/records';
import { readFile } from '$lib/intake/read';
import { claimsSheet, summaryLayout, writeClaimsWorkbook } from './claims.export';
import { parseClaimsWorkbook } from './claims.import';

function legacyWorkbook(rows: unknown[][]): Uint8Array {
	const wb = utils.book_new();
	utils.book_append_sheet(wb, utils.aoa_to_sheet([['SYNTHÈSE DES INDEMNISATIONS']]), 'Synthèse');
	const header = [
		'Date',
		'Tracking',
		'Partenaire',
		'Num_Commande_Origine',
		'Num_Commande_Partenaire',
		'Transporteur',
		'Motif',
		'Montant',
		'Statut',
		'Notes'
	];
	utils.book_append_sheet(wb, utils.aoa_to_sheet([header, ...rows]), 'Indemnisations');
	return new Uint8Array(write(wb, { type: 'array', bookType: 'xlsx' }));
}

describe('importing a claims workbook', () => {
	it('reads the legacy export, fixing its NaN, float trackings and sentinel partner', () => {
		const bytes = legacyWorkbook([
			['2026-10-03', 250000571396, 'Non trouvé', 'nan', 1234, 'DPD', 'Colis perdu', 10.5, 'Reçue', ''],
			[
				'2026-10-04',
				'xr123456789fr ',
				'VELO & CO',
				'VC-1',
				'nan',
				'Chronopost',
				'',
				3,
				'En attente',
				'relance faite'
			]
		]);
		const { claims, errors } = parseClaimsWorkbook(
			readFile(bytes, 'Indemnisations_20261001_20261031.xlsx'),
			'x.xlsx'
		);
		expect(errors).toEqual([]);
		expect(claims[0]).toMatchObject({
			date: '2026-10-03',
			tracking: '250000571396',
			partner: 'NON ATTRIBUÉ',
			originOrder: '',
			partnerOrder: '1234',
			amountCents: 1050,
			status: 'Reçue'
		});
		expect(claims[1]).toMatchObject({
			tracking: 'XR123456789FR',
			motif: 'Autre',
			motifOther: 'Autre (non précisé)',
			notes: 'relance faite'
		});
	});

	it('names the line of a bad row', () => {
		const bytes = legacyWorkbook([['2026-13-45', 'T1', 'A', '', '', 'DPD', 'Colis perdu', 0, 'Reçue', '']]);
		const { errors } = parseClaimsWorkbook(readFile(bytes, 'x.xlsx'), 'x.xlsx');
		expect(errors[0].line).toBe(2);
		expect(errors[0].message).toMatch(/n'est pas une date réelle.*supérieur à 0/);
	});

	it('reads back its own export (real dates, euro numbers)', async () => {
		const claim = {
			id: 'a',
			date: '2026-11-02',
			tracking: 'TEST123',
			partner: 'Test',
			originOrder: '',
			partnerOrder: '',
			carrier: 'DPD',
			motif: 'Colis perdu',
			motifOther: '',
			amountCents: 1234,
			status: 'Refusée',
			notes: '',
			shippingDate: null,
			incidentDate: null,
			filedDate: null,
			paidDate: null,
			createdAt: 1,
			updatedAt: 1,
			history: []
		} satisfies ClaimRecord;
		const blob = await writeClaimsWorkbook(summaryLayout([claim], '2026-11-01', '2026-11-30', new Date()), [
			claimsSheet([claim])
		]);
		const { claims } = parseClaimsWorkbook(
			readFile(new Uint8Array(await blob.arrayBuffer()), 'own.xlsx'),
			'own.xlsx'
		);
		expect(claims).toEqual([
			expect.objectContaining({
				date: '2026-11-02',
				tracking: 'TEST123',
				amountCents: 1234,
				status: 'Refusée'
			})
		]);
	});

	it('refuses a workbook without the sheet, naming it', () => {
		const wb = utils.book_new();
		utils.book_append_sheet(wb, utils.aoa_to_sheet([['x']]), 'Feuil1');
		const bytes = new Uint8Array(write(wb, { type: 'array', bookType: 'xlsx' }));
		expect(() => parseClaimsWorkbook(readFile(bytes, 'autre.xlsx'), 'autre.xlsx')).toThrow(/missing-sheet/);
	});
});
