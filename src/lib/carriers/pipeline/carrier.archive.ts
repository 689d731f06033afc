/** A carrier analysis frozen for the Bibliothèque: plain rendered tables, readable without carrier code. */
import { archivedFiles, archiveSources, type ArchivedAnalysis } from '$lib/analysis/archive';
import { freezeTable } from '$lib/analysis/table-rows';
import type { LibraryRecord } from '$lib/db/records';
import { formatPeriod } from '$lib/i18n/format';
import { archivePeriod } from './carrier.analysis';
import type { PageSpec } from './common.tabs';
import type { Analysis, BilledLine, InvoiceFile } from './carrier.types';

export function freezeAnalysis<L extends BilledLine, R>(
	label: string,
	spec: PageSpec<L, R>,
	analysis: Analysis<L, R>,
	files: Pick<InvoiceFile, 'dataset'>[]
): ArchivedAnalysis {
	return {
		carrier: analysis.carrier,
		label,
		window: analysis.window,
		kpis: spec.kpis.map((k) => ({ label: k.label, value: k.value(analysis), hint: k.hint?.(analysis) })),
		summary: analysis.summary,
		costs: analysis.costs,
		tables: spec.tabs.flatMap((tab) =>
			tab
				.tables(analysis)
				.map((t) => ({ tab: tab.label, id: t.id, title: t.title ?? tab.heading, ...freezeTable(t) }))
		),
		files: archivedFiles(files.map((f) => f.dataset))
	};
}

/** The Bibliothèque record of an analysis, filed under `period` (default: archivePeriod). */
export function libraryRecord<L extends BilledLine, R>(
	label: string,
	spec: PageSpec<L, R>,
	analysis: Analysis<L, R>,
	files: Pick<InvoiceFile, 'dataset'>[],
	opts: { id: string; now: number; period?: string | null }
): LibraryRecord {
	const period = opts.period ?? archivePeriod(analysis.lines) ?? 'inconnu';
	return {
		id: opts.id,
		module: analysis.carrier,
		period,
		title: `${label} — ${formatPeriod(period)}`,
		createdAt: opts.now,
		rowCount: analysis.summary.billedLines,
		dateRange: analysis.summary.dateRange,
		partners: [...new Set(analysis.lines.map((l) => l.partner))].sort((a, b) => a.localeCompare(b, 'fr')),
		sources: archiveSources(files.map((f) => f.dataset)),
		result: freezeAnalysis(label, spec, analysis, files)
	};
}
