/**
 * The two tables of the page (legacy headers exactly, RULINGS 10) and their exports: the legacy's file and
 * sheet names, the rows on screen (filters applied), styled headers, one click.
 */
import { fileStamp, filterRows, toSheet, type FilterValues } from '$lib/analysis/table-rows';
import { table, type AnyTableSpec } from '$lib/analysis/table-spec';
import { writeXlsx } from '$lib/export';
import { formatInt } from '$lib/i18n/format';
import type { ClientSynthese, RetourDetail, RetoursAnalysis } from './retours.analysis';

export const TAB_SYNTHESE = 'synthese';
export const TAB_DETAIL = 'detail';

export const RETOURS_TABS = [
	{ id: TAB_SYNTHESE, label: '📊 Synthèse', heading: 'Synthèse par Client' },
	{ id: TAB_DETAIL, label: '📋 Détail', heading: 'Détail des Retours' }
] as const;

export type RetoursTabId = (typeof RETOURS_TABS)[number]['id'];

export function syntheseTable(a: RetoursAnalysis): AnyTableSpec {
	return table<ClientSynthese>({
		id: 'synthese',
		columns: [
			{ header: 'Client', kind: 'text', value: (r) => r.client },
			{ header: 'Nombre de Retours', kind: 'int', value: (r) => r.returns },
			// Screen extras before the long order list, so they stay in sight; the export has them after the
			// legacy's 3 columns.
			{ header: 'Produits Retournés', kind: 'int', value: (r) => r.products, exportLast: true },
			{ header: 'Avec motif', kind: 'int', value: (r) => r.withReason, exportLast: true },
			{ header: 'Sans motif', kind: 'int', value: (r) => r.withoutReason, exportLast: true },
			{ header: 'Numéros de Commandes', kind: 'text', value: (r) => r.orders.join(', ') }
		],
		rows: a.synthese,
		filters: [{ id: 'search', kind: 'search', label: '🔍 Rechercher', text: (r) => r.client }],
		tone: (r) => (r.client === 'NON ATTRIBUÉ' ? 'warn' : null),
		empty: 'Aucun retour.'
	});
}

export function detailTable(a: RetoursAnalysis): AnyTableSpec {
	return table<RetourDetail>({
		id: 'detail',
		columns: [
			{ header: 'ID Retour', kind: 'text', value: (r) => r.id },
			{ header: 'Client', kind: 'text', value: (r) => r.client },
			{ header: 'N° Commande', kind: 'text', value: (r) => r.order },
			{ header: 'Date Création', kind: 'date', value: (r) => r.day },
			{ header: 'Produits Retournés', kind: 'int', value: (r) => r.products },
			{ header: 'Motif', kind: 'text', value: (r) => r.reason, exportLast: true }
		],
		rows: a.detail,
		filters: [
			{ id: 'search', kind: 'search', label: '🔍 Rechercher', text: (r) => `${r.id} ${r.client}` },
			{ id: 'client', kind: 'partner', label: 'Client', partner: (r) => r.client }
		],
		tone: (r) => (r.client === 'NON ATTRIBUÉ' ? 'warn' : null),
		count: (shown, total) => `📊 ${formatInt(shown)}/${formatInt(total)} retours`,
		empty: 'Aucun retour.'
	});
}

export function retoursTable(a: RetoursAnalysis, tab: RetoursTabId): AnyTableSpec {
	return tab === TAB_SYNTHESE ? syntheseTable(a) : detailTable(a);
}

/** The legacy's two files: `synthese_YYYYMMDD.xlsx` (sheet 'Synthèse'), `detail_YYYYMMDD.xlsx` (sheet 'Détail'). */
export async function buildRetoursExport(
	a: RetoursAnalysis,
	tab: RetoursTabId,
	filters: FilterValues,
	now = new Date()
): Promise<{ blob: Blob; fileName: string }> {
	const spec = retoursTable(a, tab);
	const sheet = tab === TAB_SYNTHESE ? 'Synthèse' : 'Détail';
	const blob = await writeXlsx([toSheet(spec, sheet, filterRows(spec, filters))]);
	return { blob, fileName: `${tab}_${fileStamp(now).day}.xlsx` };
}
