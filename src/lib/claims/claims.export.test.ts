import { describe, expect, it } from 'vitest';
import { read, utils } from '@e965/xlsx';
import type { ClaimRecord } from '$lib/db/records';
import { toCsv } from '$lib/export';
import { expectTextCells } from '$lib/export/readback.testing';
import { DEFAULT_DEADLINES } from './claims.deadlines';
import {
	claimsSheet,
	exportFileName,
	followUpSheet,
	inPeriod,
	LEGACY_COLUMNS,
	summaryLayout,
	writeClaimsWorkbook
} from './claims.export';

const base: ClaimRecord = {
	id: 'a',
	date: '2026-11-02',
	tracking: 'TEST123',
	partner: 'Test',
	originOrder: '',
	partnerOrder: '',
	carrier: 'DPD',
	motif: 'Autre',
	motifOther: 'Test backup',
	amountCents: 1000,
	status: 'Acceptée',
	notes: '=HYPERLINK("x")',
	shippingDate: '2026-10-20',
	incidentDate: null,
	filedDate: '2026-11-02',
	paidDate: null,
	createdAt: 1,
	updatedAt: 1,
	history: []
};
const claims: ClaimRecord[] = [
	base,
	{
		...base,
		id: 'b',
		tracking: 'B',
		status: 'Refusée',
		amountCents: 250,
		carrier: 'Colissimo',
		date: '2026-11-20'
	},
	{
		...base,
		id: 'c',
		tracking: 'C',
		status: 'Reçue',
		amountCents: 4000,
		partner: '+33 Shop',
		date: '2026-12-01'
	}
];

describe('claims export', () => {
	it('names the file after the period and keeps the claims inside it', () => {
		expect(exportFileName('2026-11-01', '2026-11-30', 'xlsx')).toBe('Indemnisations_20261101_20261130.xlsx');
		expect(inPeriod(claims, '2026-11-01', '2026-11-30').map((c) => c.id)).toEqual(['a', 'b']);
	});

	it('writes Synthèse, Indemnisations (legacy columns, numbers, legacy statuses) and Suivi, user text as text cells', async () => {
		const blob = await writeClaimsWorkbook(
			summaryLayout(claims, '2026-11-01', '2026-12-31', new Date(2026, 11, 2, 9, 5)),
			[claimsSheet(claims), followUpSheet(claims, DEFAULT_DEADLINES, '2026-12-02', { a: 2 })]
		);
		const bytes = new Uint8Array(await blob.arrayBuffer());
		const wb = read(bytes);
		expect(wb.SheetNames).toEqual(['Synthèse', 'Indemnisations', 'Suivi']);
		const rows = utils.sheet_to_json<unknown[]>(wb.Sheets['Indemnisations'], { header: 1, defval: null });
		expect(rows[0]).toEqual([...LEGACY_COLUMNS]);
		expect(rows[1].slice(1, 10)).toEqual([
			'TEST123',
			'Test',
			null,
			null,
			'DPD',
			'Test backup',
			10,
			'En attente',
			`=HYPERLINK("x")`
		]);
		expect(wb.Sheets['Indemnisations']['H2'].t).toBe('n');
		expectTextCells(bytes, 'Indemnisations', { J2: '=HYPERLINK("x")', C4: '+33 Shop' });
		const summary = utils.sheet_to_json<unknown[]>(wb.Sheets['Synthèse'], { header: 1, defval: null });
		expect(summary[2][0]).toBe('Période : 01/11/2026 au 31/12/2026');
		expect(summary[4].slice(0, 3)).toEqual(['TOTAL GÉNÉRAL', 52.5, '3 indemnisations']);
		expect(summary[5].slice(0, 3)).toEqual(['dont reçues', 40, 1]);
		expect(summary[7].slice(0, 3)).toEqual(['dont refusées', 2.5, 1]);
		const suivi = utils.sheet_to_json<Record<string, unknown>>(wb.Sheets['Suivi']);
		expect(suivi[0]).toMatchObject({
			Tracking: 'TEST123',
			'Statut détaillé': 'Acceptée',
			'Pièces jointes': 2
		});
	});

	it('writes the same rows as a French CSV', () => {
		const csv = toCsv(claimsSheet([base]));
		expect(csv.split('\r\n')[0]).toBe('\ufeff' + LEGACY_COLUMNS.join(';'));
		expect(csv.split('\r\n')[1]).toBe(
			`02/11/2026;TEST123;Test;;;DPD;Test backup;10;En attente;"'=HYPERLINK(""x"")"`
		);
	});
});
