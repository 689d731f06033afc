import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DatasetRecord } from '$lib/db/records';
import { readFile } from '$lib/intake/read';
import { PARSERS } from '$lib/intake/parsers';
import { buildLookup } from '$lib/logisticiens/threepl.lookup';
import type { ThreePLRow } from '$lib/logisticiens/threepl.types';
import { autofill, clearAutofilled } from './claims.autofill';
import { emptyDraft } from './claims.logic';
import { prefillHref, readPrefill } from './claims.prefill';

function lookupOf(files: string[]) {
	const sets = files.map((fileName, i) => {
		const bytes = new Uint8Array(readFileSync(`tests/fixtures/3pl/${fileName}`));
		const parsed = PARSERS['3pl'](readFile(bytes, fileName), { fileName });
		const dataset = { id: `d${i}`, fileName, period: parsed.period, importedAt: i } as DatasetRecord;
		return { dataset, rows: parsed.rows as unknown as ThreePLRow[] };
	});
	return buildLookup(sets);
}

describe('auto-fill from the 3PL fixture files', () => {
	const lookup = lookupOf(['LOG_2026_09.xlsx', 'LOG_2026_10.xlsx', 'LOG_2026_11.xlsx']);

	it('fills partner, order numbers, carrier and shipping date from a tracking stored as a number', () => {
		const match = lookup.get(' 25000057139690 ');
		expect(match).toBeDefined();
		const { draft, filled } = autofill(
			{ ...emptyDraft('2026-11-27'), tracking: '25000057139690' },
			match!,
			new Set()
		);
		expect(draft).toMatchObject({
			partner: 'TERRE DE LIN',
			originOrder: 'TDL-30953',
			partnerOrder: 'TD172228',
			carrier: 'DPD',
			shippingDate: '2026-09-15'
		});
		expect(filled).toEqual(['partner', 'originOrder', 'partnerOrder', 'carrier', 'shippingDate']);
	});

	it('keeps what the user typed, and an order number stored as a number becomes plain digits', () => {
		const match = lookup.get('25001319281054')!;
		const typed = { ...emptyDraft('2026-11-27'), carrier: 'Chronopost' };
		const { draft, filled } = autofill(typed, match, new Set(['carrier']));
		expect(draft.carrier).toBe('Chronopost');
		expect(draft.originOrder).toBe('18617');
		expect(filled).not.toContain('carrier');
		expect(clearAutofilled(draft, filled)).toMatchObject({
			partner: '',
			originOrder: '',
			carrier: 'Chronopost'
		});
	});

	it('knows nothing of an unknown tracking', () => {
		expect(lookup.get('TEST123')).toBeUndefined();
	});
});

describe('opening a claim from an anomaly', () => {
	it('carries the prefill through the URL and reads it back into the form', () => {
		const href = prefillHref({
			tracking: '25000057139690',
			carrier: 'DPD',
			partner: 'TERRE DE LIN',
			amountCents: 1234,
			motif: 'Erreur de facturation',
			notes: 'Doublon facturé'
		});
		expect(href.startsWith('/indemnisations?tab=ajouter&tracking=25000057139690&carrier=DPD')).toBe(true);
		const draft = readPrefill(new URL(href, 'http://x').searchParams);
		expect(draft).toEqual({
			tracking: '25000057139690',
			carrier: 'DPD',
			partner: 'TERRE DE LIN',
			amount: '12,34',
			motif: 'Erreur de facturation',
			notes: 'Doublon facturé'
		});
		expect(readPrefill(new URLSearchParams('tab=ajouter&amountCents=-5&shippingDate=2026-02-31'))).toBeNull();
	});
});
