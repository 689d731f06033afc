import { describe, expect, it } from 'vitest';
import { sortRows, cellText } from '$lib/ui/data-table';
import { filterRows, freezeTable, partnerOptions, toSheet } from './table-rows';
import type { TableSpec } from './table-spec';

interface Row {
	partner: string;
	id: string;
	cents: number;
	flagged: boolean;
}

const spec: TableSpec<Row> = {
	id: 't',
	columns: [
		{ header: 'Contrôle', kind: 'text', value: (r) => (r.flagged ? 'Doublon' : ''), screenOnly: true },
		{ header: 'Partenaire', kind: 'text', value: (r) => r.partner },
		{ header: 'Montant', kind: 'cents', value: (r) => r.cents }
	],
	rows: [
		{ partner: 'VELO & CO', id: '1', cents: 1000, flagged: false },
		{ partner: 'Café (Pierrot)', id: '2', cents: 250, flagged: true },
		{ partner: 'ÉLISE', id: '3', cents: 500, flagged: false }
	],
	filters: [
		{ id: 'q', kind: 'search', label: 'Rechercher', text: (r) => `${r.partner} ${r.id}` },
		{ id: 'p', kind: 'partner', label: 'Partenaire', partner: (r) => r.partner },
		{ id: 'd', kind: 'toggle', label: 'Doublons', test: (r) => r.flagged }
	],
	tone: (r) => (r.flagged ? 'alert' : null)
};

describe('analysis tables', () => {
	it('searches literally, without case or accents (legacy bug 11: a "(" broke the regex)', () => {
		expect(filterRows(spec, { q: '(pier' }).map((r) => r.id)).toEqual(['2']);
		expect(filterRows(spec, { q: 'elise' }).map((r) => r.id)).toEqual(['3']);
		expect(filterRows(spec, { q: '' })).toHaveLength(3);
	});

	it('also finds what any text cell of the table shows (orders, cities, postcodes), not only the filter text', () => {
		const places: TableSpec<Row & { city: string; postcode: string; order: string }> = {
			...spec,
			columns: [
				...spec.columns,
				{ header: 'N° Commande', kind: 'text', value: (r) => r.order },
				{ header: 'Ville', kind: 'text', value: (r) => r.city },
				{ header: 'CP', kind: 'text', value: (r) => r.postcode }
			],
			rows: spec.rows.map((r, i) => ({
				...r,
				order: `CMD-10${i}`,
				city: ['Lyon', 'Saint-Étienne', 'Paris'][i],
				postcode: ['69003', '42000', '75011'][i]
			}))
		};
		expect(filterRows(places, { q: 'cmd-101' }).map((r) => r.id)).toEqual(['2']);
		expect(filterRows(places, { q: 'saint-etienne' }).map((r) => r.id)).toEqual(['2']);
		expect(filterRows(places, { q: ' 75011 ' }).map((r) => r.id)).toEqual(['3']);
		// Amounts are not searched as text: "10" finds CMD-10x, never the 10,00 € of row 1 alone.
		expect(filterRows(places, { q: '1000' })).toEqual([]);
	});

	it('combines partner and toggle filters', () => {
		expect(filterRows(spec, { p: 'VELO & CO' }).map((r) => r.id)).toEqual(['1']);
		expect(filterRows(spec, { d: true }).map((r) => r.id)).toEqual(['2']);
		expect(filterRows(spec, { d: true, p: 'VELO & CO' })).toEqual([]);
		expect(partnerOptions(spec)).toEqual(['Café (Pierrot)', 'ÉLISE', 'VELO & CO']);
	});

	it('exports without screen-only columns and highlights flagged rows', () => {
		const sheet = toSheet(spec, 'Feuille');
		expect(sheet.columns.map((c) => c.header)).toEqual(['Partenaire', 'Montant']);
		expect(spec.rows.map((r) => sheet.highlight?.(r) ?? null)).toEqual([null, 'FFC7CE', null]);
		expect(freezeTable(spec).rows).toEqual([
			['VELO & CO', 1000],
			['Café (Pierrot)', 250],
			['ÉLISE', 500]
		]);
	});

	it('formats and sorts cells the French way', () => {
		expect(cellText('cents', 123456)).toBe('1 234,56 €');
		expect(cellText('date', '2026-11-27')).toBe('27/11/2026');
		expect(cellText('percent', 0.08)).toBe('8 %');
		expect(sortRows(spec.rows, spec.columns[2], 'desc').map((r) => r.id)).toEqual(['1', '3', '2']);
		expect(sortRows(spec.rows, spec.columns[1], 'asc').map((r) => r.id)).toEqual(['2', '3', '1']);
	});
});
