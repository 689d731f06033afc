import { describe, expect, it } from 'vitest';
import {
	addDays,
	claimDeadline,
	DEFAULT_DEADLINES,
	draftDeadline,
	lastFollowUp,
	readDeadlines,
	validateDeadlines
} from './claims.deadlines';

const base = {
	carrier: 'Colissimo',
	motif: 'Colis perdu',
	status: 'À constituer' as const,
	date: '2026-11-01',
	shippingDate: '2026-10-10',
	incidentDate: null,
	filedDate: null
};

describe('claim deadlines', () => {
	it('adds days across months and leap years', () => {
		expect(addDays('2026-10-10', 30)).toBe('2026-11-09');
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
	});
	it('counts the window from the shipping date, or from the incident date when given (RULINGS 12)', () => {
		expect(claimDeadline(base, DEFAULT_DEADLINES, '2026-11-01').due).toBe('2026-11-09');
		const chrono = claimDeadline(
			{ ...base, carrier: 'Chronopost', incidentDate: '2026-10-20' },
			DEFAULT_DEADLINES,
			'2026-10-21'
		);
		expect([chrono.due, chrono.daysLeft, chrono.basis]).toEqual(['2026-10-23', 2, 'incident']);
		expect(claimDeadline({ ...base, shippingDate: null }, DEFAULT_DEADLINES, '2026-11-01').due).toBeNull();
	});
	it('uses DHL’s invoice window for a billing error and French law for an unknown carrier', () => {
		expect(
			claimDeadline(
				{ ...base, carrier: 'DHL', motif: 'Erreur de facturation' },
				DEFAULT_DEADLINES,
				'2026-10-11'
			).due
		).toBe('2026-11-09');
		expect(claimDeadline({ ...base, carrier: 'DHL' }, DEFAULT_DEADLINES, '2026-10-11').due).toBe(
			'2026-10-24'
		);
		const other = claimDeadline({ ...base, carrier: 'GLS' }, DEFAULT_DEADLINES, '2026-10-11');
		expect([other.due, other.rule.carrier]).toEqual(['2026-10-13', 'Autre (droit français)']);
	});
	it('flags hors délai, échéance proche and à relancer', () => {
		expect(claimDeadline(base, DEFAULT_DEADLINES, '2026-11-10').flag).toBe('hors délai');
		expect(claimDeadline(base, DEFAULT_DEADLINES, '2026-11-03').flag).toBe('échéance proche');
		expect(claimDeadline(base, DEFAULT_DEADLINES, '2026-10-15').flag).toBeNull();
		const filed = { ...base, status: 'En attente' as const, filedDate: '2026-11-01' };
		expect(claimDeadline(filed, DEFAULT_DEADLINES, '2026-11-20').flag).toBeNull();
		expect(claimDeadline(filed, DEFAULT_DEADLINES, '2026-12-01').flag).toBe('à relancer');
		expect(claimDeadline({ ...filed, filedDate: '2026-11-12' }, DEFAULT_DEADLINES, '2026-11-13').flag).toBe(
			'hors délai'
		);
		expect(claimDeadline({ ...filed, status: 'Reçue' }, DEFAULT_DEADLINES, '2027-01-01').flag).toBeNull();
		const chased = {
			...filed,
			history: [{ at: 0, by: 'Camille', field: 'followUp', from: null, to: '2026-11-25' }]
		};
		expect(lastFollowUp(chased.history)).toBe('2026-11-25');
		expect(claimDeadline(chased, DEFAULT_DEADLINES, '2026-12-01').flag).toBeNull();
		expect(claimDeadline(chased, DEFAULT_DEADLINES, '2026-12-25').flag).toBe('à relancer');
	});
	it('reads the settings defensively and validates edits in French', () => {
		expect(readDeadlines(undefined)).toEqual(DEFAULT_DEADLINES);
		const edited = readDeadlines({
			...DEFAULT_DEADLINES,
			rules: [{ ...DEFAULT_DEADLINES.rules[0], windowDays: 45 }, { carrier: '' }]
		});
		expect(edited.rules).toHaveLength(1);
		expect(claimDeadline({ ...base, carrier: 'DPD' }, edited, '2026-10-11').due).toBe('2026-11-24');
		const errors = validateDeadlines({
			...DEFAULT_DEADLINES,
			rules: [{ ...DEFAULT_DEADLINES.rules[0], windowDays: -1 }, DEFAULT_DEADLINES.rules[0]]
		});
		expect(errors.join(' ')).toMatch(/DPD : le délai doit être un nombre entier/);
		expect(errors.join(' ')).toMatch(/figure deux fois/);
	});

	it('gives a draft its due date once it has a carrier and a date, as typed in the form', () => {
		const draft = {
			date: '2026-11-01',
			tracking: 'T1',
			partner: '',
			originOrder: '',
			partnerOrder: '',
			carrier: ' ',
			motif: 'Colis perdu',
			amount: '10',
			status: 'À constituer' as const,
			notes: '',
			shippingDate: '2026-10-20',
			incidentDate: '',
			filedDate: '',
			paidDate: ''
		};
		expect(draftDeadline(draft, DEFAULT_DEADLINES)).toBeNull();
		expect(draftDeadline({ ...draft, carrier: 'DPD', shippingDate: '' }, DEFAULT_DEADLINES)).toBeNull();
		const dpd = draftDeadline({ ...draft, carrier: 'DPD' }, DEFAULT_DEADLINES);
		expect(dpd).toMatchObject({ due: '2026-11-19', basis: 'expédition' });
		expect(
			draftDeadline({ ...draft, carrier: 'DPD', incidentDate: '2026-10-25' }, DEFAULT_DEADLINES)
		).toMatchObject({ due: '2026-11-24', basis: 'incident' });
	});
});
