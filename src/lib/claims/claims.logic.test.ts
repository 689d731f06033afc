import { describe, expect, it } from 'vitest';
import type { ClaimStatus } from '$lib/db/records';
import {
	canTransition,
	emptyDraft,
	legacyStatus,
	splitMotif,
	tileSummary,
	CLOSED_STATUSES,
	validateDraft,
	withStatusDates
} from './claims.logic';

describe('statuses and the home tile', () => {
	it('maps the detailed statuses onto the legacy three', () => {
		expect(
			['À constituer', 'En attente', 'Acceptée', 'Reçue', 'Refusée'].map((s) =>
				legacyStatus(s as ClaimStatus)
			)
		).toEqual(['En attente', 'En attente', 'En attente', 'Reçue', 'Refusée']);
	});
	it('summarises the home tile', () => {
		expect(tileSummary({ total: 0, open: 0 })).toBe('Aucune indemnisation');
		expect(tileSummary({ total: 4, open: 3 })).toBe('3 indemnisations en attente');
		expect(tileSummary({ total: 1, open: 0 })).toBe('1 indemnisation · aucune en attente');
		expect(tileSummary({ total: 1_200, open: 1_001 })).toBe('1\u202f001 indemnisations en attente');
		expect(CLOSED_STATUSES).toEqual(['Reçue', 'Refusée']);
	});
});

describe('status workflow', () => {
	it('follows À constituer → En attente → Acceptée → Reçue, or Refusée', () => {
		expect(canTransition('À constituer', 'En attente')).toBe(true);
		expect(canTransition('En attente', 'Acceptée')).toBe(true);
		expect(canTransition('Acceptée', 'Reçue')).toBe(true);
		expect(canTransition('En attente', 'Refusée')).toBe(true);
		expect(canTransition('À constituer', 'Reçue')).toBe(false);
		expect(canTransition('Refusée', 'Reçue')).toBe(false);
		expect(canTransition('Reçue', 'Refusée')).toBe(false);
	});
	it('sets the filing and payment dates the status implies, and clears a payment taken back', () => {
		const filed = withStatusDates(
			{ status: 'En attente' as ClaimStatus, filedDate: null, paidDate: null },
			'2026-11-27'
		);
		expect(filed).toEqual({ status: 'En attente', filedDate: '2026-11-27', paidDate: null });
		const paid = withStatusDates({ ...filed, status: 'Reçue' as ClaimStatus }, '2026-11-30');
		expect(paid.paidDate).toBe('2026-11-30');
		expect(withStatusDates({ ...paid, status: 'Acceptée' as ClaimStatus }, '2026-12-01').paidDate).toBeNull();
		expect(
			withStatusDates(
				{ status: 'À constituer' as ClaimStatus, filedDate: null, paidDate: null },
				'2026-11-27'
			).filedDate
		).toBeNull();
	});
});

describe('validation', () => {
	const base = {
		...emptyDraft('2026-11-27'),
		tracking: ' test123 ',
		carrier: 'dpd',
		motif: 'Test backup',
		partner: 'Test'
	};
	it('accepts the seed claim with a comma or a dot, keeps a free motif as "Autre"', () => {
		for (const amount of ['10,00', '10.00', '10']) {
			const r = validateDraft({ ...base, amount });
			expect(r.ok && r.fields.amountCents).toBe(1000);
			if (r.ok) {
				expect(r.fields.tracking).toBe('TEST123');
				expect(r.fields.carrier).toBe('DPD');
				expect([r.fields.motif, r.fields.motifOther]).toEqual(['Autre', 'Test backup']);
			}
		}
		expect(splitMotif('colis PERDU')).toEqual({ motif: 'Colis perdu', motifOther: '' });
	});
	it('explains in French what is wrong', () => {
		const r = validateDraft({
			...base,
			tracking: '',
			amount: '0',
			date: '2026-02-30',
			carrier: 'Autre',
			motif: 'Autre'
		});
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.errors.tracking).toMatch(/tracking/);
			expect(r.errors.amount).toBe('Le montant doit être supérieur à 0.');
			expect(r.errors.date).toMatch(/n'est pas une date réelle/);
			expect(r.errors.carrier).toMatch(/transporteur/);
			expect(r.errors.motif).toMatch(/Précisez le motif/);
		}
		const bad = validateDraft({ ...base, amount: 'dix euros' });
		expect(!bad.ok && bad.errors.amount).toMatch(/n'est pas un nombre/);
	});
	it('marks a claim without partner as NON ATTRIBUÉ', () => {
		const r = validateDraft({ ...base, partner: ' ', amount: '5' });
		expect(r.ok && r.fields.partner).toBe('NON ATTRIBUÉ');
	});
});
