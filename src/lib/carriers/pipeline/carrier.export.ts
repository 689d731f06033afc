/** Exports of a carrier page: each sheet is a table of a tab, with its legacy sheet name and headers. */
import { writeXlsx, type SheetSpec } from '$lib/export';
import { PilotError } from '$lib/i18n/errors';
import { filterRows, fileStamp, toSheet, type FilterValues } from './carrier.table';
import type { Analysis, BilledLine, ExportSpec, TabSpec } from './carrier.types';

/** The filter values of a table on screen (by tab and table id); none = all rows. */
export type FilterLookup = (tab: string, table: string) => FilterValues;

export function exportSheets<L extends BilledLine, R>(
	tabs: TabSpec<L, R>[],
	analysis: Analysis<L, R>,
	spec: ExportSpec,
	filters: FilterLookup = () => ({})
): SheetSpec<unknown>[] {
	return spec.sheets.map((sheet) => {
		const tab = tabs.find((t) => t.id === sheet.tab);
		const found = tab?.tables(analysis).find((t) => t.id === sheet.table);
		if (!found) throw new PilotError('not-found', { what: `Le tableau « ${sheet.name} »` });
		const mode = sheet.rows ?? spec.rows;
		const rows = mode === 'filtered' ? filterRows(found, filters(sheet.tab, sheet.table)) : found.rows;
		return toSheet(found, sheet.name, sheet.where ? rows.filter(sheet.where) : rows);
	});
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
