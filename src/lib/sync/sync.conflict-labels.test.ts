import { describe, expect, it } from 'vitest';
import { formatCents } from '$lib/i18n/format';
import { DEFAULT_DEADLINES, type DeadlineSettings } from '$lib/claims/claims.deadlines';
import { conflictFieldLabel, conflictRows, conflictTitle, conflictValue } from './sync.conflict-labels';

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

	it('shows a setting as Paramètres does: the claim windows line by line, only what differs', () => {
		const edited: DeadlineSettings = structuredClone(DEFAULT_DEADLINES);
		edited.rules[0].windowDays = 45;
		edited.rules[0].startsFrom = 'livraison';
		edited.followUpDays = 10;
		edited.rules.pop();
		const removed = DEFAULT_DEADLINES.rules.at(-1)!;
		const rows = conflictRows({
			table: 'settings',
			key: 'claims.deadlines',
			versions: [
				{ rev: '2-a', data: { key: 'claims.deadlines', value: DEFAULT_DEADLINES, updatedAt: 1 } },
				{ rev: '2-b', data: { key: 'claims.deadlines', value: edited, updatedAt: 2 } }
			]
		});
		const labels = rows.map((r) => r.label);
		expect(rows[0]).toEqual({
			label: 'DPD — Délai',
			values: ["30 jours à compter de l'expédition", '45 jours à compter de la livraison']
		});
		expect(rows.find((r) => r.label === 'Relancer une réclamation sans réponse après')?.values).toEqual([
			`${DEFAULT_DEADLINES.followUpDays} jours`,
			'10 jours'
		]);
		// A carrier line removed in one version reads « — » there.
		expect(rows.find((r) => r.label === `${removed.carrier} — Délai`)?.values[1]).toBe('—');
		expect(labels).not.toContain('Chronopost — Délai');
		expect(labels).not.toContain("Alerter quand l'échéance approche");
		for (const r of rows) for (const v of r.values) expect(v).not.toMatch(/[{}[\]"]/);
	});

	it('lists the differing fields of a record with their French labels and formats', () => {
		const rows = conflictRows({
			table: 'attendusManual',
			key: 'm1',
			versions: [
				{ rev: '2-a', data: { client: 'ACME', carton: 8, updatedAt: 1 } },
				{ rev: '2-b', data: { client: 'ACME', carton: 1200, updatedAt: 2 } }
			]
		});
		expect(rows).toEqual([{ label: 'Cartons', values: ['8', '1\u202f200'] }]);
		expect(
			conflictRows({
				table: 'settings',
				key: 'library.autoArchive',
				versions: [
					{ rev: '2-a', data: { value: true } },
					{ rev: '2-b', data: { value: false } }
				]
			})
		).toEqual([{ label: 'Valeur', values: ['Oui', 'Non'] }]);
	});
});
