import { describe, expect, it } from 'vitest';
import { cellText, pinnedColumns } from './data-table';

describe('DataTable cell text', () => {
	it('shows weights to the gram, in French', () => {
		expect(cellText('kg', 13.258)).toBe('13,258 kg');
		expect(cellText('kg', 1234.5)).toBe('1 234,5 kg');
		expect(cellText('kg', 0.0004)).toBe('0 kg');
		expect(cellText('kg', null)).toBe('');
	});
});

describe('DataTable pinned columns', () => {
	const col = (header: string, kind: 'text' | 'cents' | 'int' = 'text') => ({ header, kind });

	it('pins the partner column and the last money column (the key total)', () => {
		expect(
			pinnedColumns([
				col('Contrôle'),
				col('Num_Commande_Partenaire'),
				col('Date'),
				col('Partenaire'),
				col('Prix', 'cents'),
				col('Total TTC', 'cents'),
				col('Détail')
			])
		).toEqual({ start: 3, end: 5 });
		expect(pinnedColumns([col('Nom du partenaire'), col('Majoration service', 'cents')])).toEqual({
			start: 0,
			end: 1
		});
		expect(pinnedColumns([col('ID Retour'), col('Client'), col('Produits', 'int')])).toEqual({
			start: 1,
			end: null
		});
	});

	it('pins the first column when no partner column exists, and nothing of an empty table', () => {
		expect(pinnedColumns([col('Mois'), col('Montant', 'cents')])).toEqual({ start: 0, end: 1 });
		expect(pinnedColumns([col('Montant', 'cents')])).toEqual({ start: 0, end: null });
		expect(pinnedColumns([])).toEqual({ start: null, end: null });
	});
});
