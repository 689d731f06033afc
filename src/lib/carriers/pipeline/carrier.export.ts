/** Exports of a carrier page: each sheet is a table of a tab, with its legacy sheet name and headers. */
import { filterRows, fileStamp, toSheet, TONE_FILLS, type FilterValues } from '$lib/analysis/table-rows';
import { writeXlsx, type SheetSpec } from '$lib/export';
import { PilotError } from '$lib/i18n/errors';
import type { Analysis, BilledLine, ExportSpec, TabSpec } from './carrier.types';
import { reconciliationRows, type Reconciliation, type ReconciliationRow } from './reconciliation';

/** The "Rapprochement" sheet (RULINGS 21): the equation's figures, then what explains a difference. */
export function reconciliationSheet(r: Reconciliation): SheetSpec<ReconciliationRow> {
	return {
		name: 'Rapprochement',
		columns: [
			{ header: 'Rapprochement', kind: 'text', value: (row) => row.item, width: 90 },
			{ header: 'Lignes', kind: 'int', value: (row) => row.lines },
			{ header: 'Montant', kind: 'cents', value: (row) => row.cents }
		],
		rows: reconciliationRows(r),
		highlight: (row) => (row.item.startsWith('Rapprochement') && row.cents !== 0 ? TONE_FILLS.alert : null)
	};
}

/** The filter values of a table on screen (by tab and table id); none = all rows. */
export type FilterLookup = (tab: string, table: string) => FilterValues;

export function exportSheets<L extends BilledLine, R>(
	tabs: TabSpec<L, R>[],
	analysis: Analysis<L, R>,
	spec: ExportSpec,
	filters: FilterLookup = () => ({})
): SheetSpec<unknown>[] {
	const sheets = spec.sheets.map((sheet) => {
		const tab = tabs.find((t) => t.id === sheet.tab);
		const found = tab?.tables(analysis).find((t) => t.id === sheet.table);
		if (!found) throw new PilotError('not-found', { what: `Le tableau « ${sheet.name} »` });
		const mode = sheet.rows ?? spec.rows;
		const rows = mode === 'filtered' ? filterRows(found, filters(sheet.tab, sheet.table)) : found.rows;
		return toSheet(found, sheet.name, sheet.where ? rows.filter(sheet.where) : rows);
	});
	return spec.reconciliation
		? [...sheets, reconciliationSheet(analysis.reconciliation) as SheetSpec<unknown>]
		: sheets;
}

/** The styled workbook and its legacy file name. */
export async function buildExport<L extends BilledLine, R>(
	tabs: TabSpec<L, R>[],
	analysis: Analysis<L, R>,
	spec: ExportSpec,
	filters?: FilterLookup,
	now = new Date()
): Promise<{ blob: Blob; fileName: string }> {
	const blob = await writeXlsx(exportSheets(tabs, analysis, spec, filters));
	const first = spec.sheets[0];
	return {
		blob,
		fileName: spec.fileName(fileStamp(now), first && filters ? filters(first.tab, first.table) : {})
	};
}
