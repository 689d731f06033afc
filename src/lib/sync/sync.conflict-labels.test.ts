import { describe, expect, it } from 'vitest';
import { formatCents } from '$lib/i18n/format';
import { conflictFieldLabel, conflictTitle, conflictValue } from './sync.conflict-labels';

describe('conflict labels', () => {
	it('names each synced record as the user knows it, never by its table', () => {
		expect(conflictTitle('claims', 'c1', { tracking: 'TRK1' })).toBe('Indemnisation TRK1');
		expect(conflictTitle('claimAttachments', 'a1', { name: 'photo.jpg' })).toBe('Justificatif « photo.jpg »');
		expect(conflictTitle('attendusManual', 'm1', { client: 'ACME', attendu: 'ATT-7' })).toBe(
			'Saisie de conditionnement « ACME — ATT-7 »'
		);
		expect(conflictTitle('attendusClients', 'ACME', { name: 'ACME' })).toBe('Client personnalisé « ACME »');
		expect(conflictTitle('library', 'l1', { title: 'DPD — 2026-11' })).toBe(
			'Analyse archivée « DPD — 2026-11 »'
		);
		expect(conflictTitle('settings', 'library.autoArchive', { value: true })).toBe(
			'Paramètre « Archiver automatiquement chaque analyse »'
		);
		expect(conflictTitle('settings', 'claims.deadlines', { value: {} })).toBe(
			'Paramètre « Délais de réclamation des transporteurs »'
		);
		expect(conflictTitle('dpdDatasets', 'abc', { fileName: 'facture.xlsx' })).toBe(
			'Fichier « facture.xlsx » (factures DPD)'
		);
		for (const title of [conflictTitle('attendusClients', 'X', {}), conflictTitle('settings', 'k', {})])
			expect(title).not.toMatch(/attendusClients|settings/);
	});

	it('labels fields in French and shows values in French formats', () => {
		expect(conflictFieldLabel('claims', 'amountCents')).toBe('Montant');
		expect(conflictFieldLabel('attendusManual', 'paletteMulti')).toBe('Palettes multi-références');
		expect(conflictFieldLabel('settings', 'value')).toBe('Valeur');
		expect(conflictValue('amountCents', 123456)).toBe(formatCents(123456));
		expect(conflictValue('value', true)).toBe('Oui');
		expect(conflictValue('carton', 1200)).toBe('1\u202f200');
		expect(conflictValue('notes', '')).toBe('—');
	});
});
