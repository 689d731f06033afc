/**
 * The legacy's two workbooks (`attendus_synthese_YYYYMMDD.xlsx` sheet 'Synthèse',
 * `attendus_detail_YYYYMMDD.xlsx` sheet 'Détail'), filtered as the screen is, with the screen's French
 * headers instead of the internal column names, and the totals row the screen shows.
 */
import type { SheetSpec } from '$lib/export';
import type { DetailRow, SynthesisRow } from './attendus.logic';

export function dayStamp(now = new Date()): string {
	const p = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}`;
}

export const synthesisFileName = (now = new Date()) => `attendus_synthese_${dayStamp(now)}.xlsx`;
export const detailFileName = (now = new Date()) => `attendus_detail_${dayStamp(now)}.xlsx`;

export function synthesisSheet(rows: readonly SynthesisRow[]): SheetSpec<SynthesisRow> {
	return {
		name: 'Synthèse',
		rows,
		columns: [
			{ header: 'Client', value: (r) => r.client, width: 32 },
			{ header: 'Attendu', value: (r) => r.attendu, width: 20 },
			{ header: 'Palettes Multi', value: (r) => r.paletteMulti, kind: 'int' },
			{ header: 'Palettes Mono', value: (r) => r.paletteMono, kind: 'int' },
			{ header: 'Cartons', value: (r) => r.carton, kind: 'int' },
			{ header: 'Nb SKU', value: (r) => r.nbSku, kind: 'int' },
			{ header: 'Quantité reçue', value: (r) => r.quantite, kind: 'int' },
			{ header: 'SKU non reçus', value: (r) => r.nonRecus, kind: 'int' },
			{ header: 'Source', value: (r) => r.source, width: 14 }
		]
	};
}

export function detailSheet(rows: readonly DetailRow[]): SheetSpec<DetailRow> {
	return {
		name: 'Détail',
		rows,
		columns: [
			{ header: 'Client', value: (r) => r.client, width: 32 },
			{ header: 'Attendu', value: (r) => r.attendu, width: 20 },
			{ header: 'SKU', value: (r) => r.sku, width: 20 },
			{ header: 'Quantité', value: (r) => r.quantite, kind: 'int' },
			{ header: 'Quantité attendue', value: (r) => r.attendue, kind: 'int' }
		],
		highlight: (r) => (r.quantite === 0 ? 'FFF3CD' : null)
	};
}
