/**
 * A returns analysis frozen for the Bibliothèque, in the kit's archive shape (`ArchivedAnalysis`: rendered
 * tables readable without module code), filed under the month of its returns' Paris days — never a
 * month-first guess (R-4).
 */
import { archivedFiles, archiveSources, type ArchivedAnalysis } from '$lib/analysis/archive';
import { freezeTable } from '$lib/analysis/table-rows';
import type { DatasetRecord, LibraryRecord } from '$lib/db/records';
import { formatInt, formatPeriod } from '$lib/i18n/format';
import type { RetoursAnalysis } from './retours.analysis';
import { detailTable, RETOURS_TABS, syntheseTable } from './retours.tables';

export const RETOURS_LABEL = 'Retours';

export function retoursKpis(a: RetoursAnalysis): { label: string; value: string; hint?: string }[] {
	return [
		{
			label: 'Total Retours',
			value: formatInt(a.totalReturns),
			hint: `${formatInt(a.returnedLines)} lignes d'articles`
		},
		{ label: 'Clients', value: formatInt(a.clients) },
		{ label: 'Produits', value: formatInt(a.products) }
	];
}

export function freezeRetours(a: RetoursAnalysis, datasets: DatasetRecord[]): ArchivedAnalysis {
	const [syn, det] = RETOURS_TABS;
	return {
		carrier: 'retours',
		label: RETOURS_LABEL,
		window: [],
		kpis: retoursKpis(a),
		summary: {
			billedLines: a.totalReturns,
			matchedLines: a.totalReturns - a.unattributed,
			unmatchedLines: a.unattributed,
			unmatchedCents: 0,
			unmatchedRate: a.totalReturns ? a.unattributed / a.totalReturns : 0,
			totalCents: 0,
			duplicateExtraLines: 0,
			duplicateExtraCents: 0,
			overweightLines: 0,
			toContestCents: 0,
			conflictLines: 0,
			partners: a.synthese.length,
			dateRange: a.dateRange
		},
		costs: [],
		tables: [
			{ tab: syn.label, id: 'synthese', title: syn.heading, ...freezeTable(syntheseTable(a)) },
			{ tab: det.label, id: 'detail', title: det.heading, ...freezeTable(detailTable(a)) }
		],
		files: archivedFiles(datasets),
		rowUnit: ['retour', 'retours'],
		filesLabel: 'exports de retours'
	};
}

export function retoursLibraryRecord(
	a: RetoursAnalysis,
	datasets: DatasetRecord[],
	opts: { id: string; now: number; period?: string | null }
): LibraryRecord {
	const period = opts.period || a.period || 'inconnu';
	return {
		id: opts.id,
		module: 'retours',
		period,
		title: `${RETOURS_LABEL} — ${formatPeriod(period)}`,
		createdAt: opts.now,
		rowCount: a.totalReturns,
		dateRange: a.dateRange,
		partners: a.synthese.map((s) => s.client).sort((x, y) => x.localeCompare(y, 'fr')),
		sources: archiveSources(datasets),
		result: freezeRetours(a, datasets)
	};
}
