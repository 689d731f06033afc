/** Chronopost's exports: the legacy's file and sheet names, one per tab and the full workbook. */
import type { ExportSpec } from '../pipeline/carrier.types';
import { SURPLUS_TYPES } from './chronopost.parser';
import { SURPLUS_PRESELECTION } from './chronopost.rules';
import { type ChronoDetailRow } from './chronopost.result';

/** `_{Partenaire}_{k}types` as the legacy names a filtered surplus export. */
function surplusSuffix(filters: Readonly<Record<string, string | boolean | string[]>>): string {
	const partner = typeof filters.partner === 'string' ? filters.partner : '';
	const types = Array.isArray(filters.types) ? filters.types.length : SURPLUS_PRESELECTION.length;
	const safe = partner
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^A-Za-z0-9]+/g, '_');
	return `${safe ? `_${safe}` : ''}${types < SURPLUS_TYPES.length ? `_${types}types` : ''}`;
}

const SHEETS = {
	synthese: { name: 'Synthèse Partenaires', tab: 'synthese', table: 'synthese' },
	surplus: { name: 'Surplus Partenaires', tab: 'surplus', table: 'surplus' },
	detail: { name: 'Détail Commandes', tab: 'detail', table: 'detail' },
	retours: { name: 'Retours Expéditeur', tab: 'retours', table: 'retours' }
};

export const chronoExports: ExportSpec[] = [
	{
		id: 'synthese',
		label: '📥 Exporter Synthèse',
		fileName: (s) => `synthese_chronopost_${s.day}_${s.time}.xlsx`,
		sheets: [SHEETS.synthese],
		rows: 'filtered'
	},
	{
		id: 'surplus',
		label: '📥 Exporter Surplus',
		fileName: (s, f) => `surplus_chronopost${surplusSuffix(f)}_${s.day}_${s.time}.xlsx`,
		sheets: [SHEETS.surplus],
		rows: 'filtered'
	},
	{
		id: 'detail',
		label: '📥 Exporter Détail (écarts en votre défaveur)',
		fileName: (s) => `detail_chronopost_ecarts_defaveur_${s.day}_${s.time}.xlsx`,
		sheets: [{ ...SHEETS.detail, where: (d: ChronoDetailRow) => (d.ecartCents ?? 0) > 0 }],
		rows: 'filtered'
	},
	{
		id: 'retours',
		label: '📥 Exporter Retours',
		fileName: (s) => `retours_chronopost_${s.day}_${s.time}.xlsx`,
		sheets: [SHEETS.retours],
		rows: 'filtered'
	},
	{
		id: 'classeur',
		label: '📥 Exporter le classeur complet (4 feuilles)',
		fileName: (s) => `chronopost_analyse_${s.day}_${s.time}.xlsx`,
		sheets: [SHEETS.synthese, SHEETS.surplus, SHEETS.detail, SHEETS.retours],
		rows: 'all',
		reconciliation: true
	}
];
