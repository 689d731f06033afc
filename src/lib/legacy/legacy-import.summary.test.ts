import { describe, expect, it } from 'vitest';
import type { LegacyImportResult } from './legacy-import.service';
import { legacyImportSummary } from './legacy-import.summary';

const result = (over: Partial<LegacyImportResult>): LegacyImportResult => ({
	snapshotId: 's',
	claims: 0,
	claimsSkipped: 0,
	manual: 0,
	clients: 0,
	files: 0,
	filesPresent: [],
	filesFailed: [],
	archives: 0,
	cancelled: false,
	...over
});

describe('legacyImportSummary', () => {
	it('says one in the singular, never « (s) »', () => {
		const lines = legacyImportSummary(
			result({
				claims: 1,
				claimsSkipped: 1,
				manual: 1,
				clients: 1,
				files: 1,
				filesPresent: ['a.xlsx'],
				archives: 1
			})
		);
		expect(lines).toEqual([
			'1 indemnisation, 1 déjà présente ignorée',
			'1 saisie manuelle, 1 client personnalisé',
			"1 fichier d'origine importé, 1 déjà présent : a.xlsx",
			'1 analyse re-créée dans la Bibliothèque'
		]);
	});

	it('says several in the plural, and zero in the singular as French does', () => {
		const lines = legacyImportSummary(
			result({
				claims: 12,
				claimsSkipped: 2,
				manual: 0,
				clients: 3,
				files: 10,
				filesPresent: ['a', 'b'],
				archives: 5
			})
		);
		expect(lines).toEqual([
			'12 indemnisations, 2 déjà présentes ignorées',
			'0 saisie manuelle, 3 clients personnalisés',
			"10 fichiers d'origine importés, 2 déjà présents : a, b",
			'5 analyses re-créées dans la Bibliothèque'
		]);
		expect(lines.join(' ')).not.toContain('(s)');
	});
});
