/** Pure grouping, stats and export shaping of the Bibliothèque (plain records in, plain data out). */
import type { ArchivedAnalysis } from '$lib/analysis/archive';
import { CARRIERS } from '$lib/carriers';
import type { AnyCarrierModule } from '$lib/carriers/pipeline/carrier.types';
import type { LibraryRecord } from '$lib/db/records';
import type { SheetSpec } from '$lib/export';
import { MONTHS_FR } from '$lib/i18n/format';

/** Year key of records whose period is not a 'YYYY-MM' month (old or odd archives stay reachable). */
export const UNKNOWN = 'inconnu';

export interface LibraryStats {
	analyses: number;
	periods: number;
	carriers: number;
}

export function libraryStats(records: readonly LibraryRecord[]): LibraryStats {
	return {
		analyses: records.length,
		periods: new Set(records.map((r) => r.period)).size,
		carriers: new Set(records.map((r) => r.module)).size
	};
}

export function yearOf(period: string): string {
	return /^\d{4}-\d{2}$/.test(period) ? period.slice(0, 4) : UNKNOWN;
}

/** Years present, newest first (unknown last). */
export function yearsOf(records: readonly LibraryRecord[]): string[] {
	const years = [...new Set(records.map((r) => yearOf(r.period)))];
	return years.sort((a, b) => (a === UNKNOWN ? 1 : b === UNKNOWN ? -1 : b.localeCompare(a)));
}

/** Periods present in a year, January first. */
export function periodsOfYear(records: readonly LibraryRecord[], year: string): string[] {
	return [...new Set(records.filter((r) => yearOf(r.period) === year).map((r) => r.period))].sort();
}

/** French month name of a period ("2026-11" → "Novembre"); the raw text when it is not a month. */
export function monthLabel(period: string): string {
	const m = /^\d{4}-(\d{2})$/.exec(period);
	return m ? (MONTHS_FR[Number(m[1]) - 1] ?? period) : 'Période inconnue';
}

export interface CarrierGroup {
	module: string;
	label: string;
	icon: string;
	records: LibraryRecord[];
}

export function carrierIcon(module: string, carriers: readonly AnyCarrierModule[] = CARRIERS): string {
	if (module === 'retours') return '🔄';
	return carriers.find((c) => c.id === module)?.libraryIcon ?? '📄';
}

/** The carrier's display name as archived (the record keeps it), else its id. */
export function carrierLabel(record: LibraryRecord): string {
	const label = (record.result as Partial<ArchivedAnalysis> | null)?.label;
	return (typeof label === 'string' && label) || record.module;
}

/** A period's analyses by carrier (carriers A→Z, newest analysis first). */
export function groupByCarrier(records: readonly LibraryRecord[], period: string): CarrierGroup[] {
	const groups = new Map<string, CarrierGroup>();
	for (const r of records) {
		if (r.period !== period) continue;
		const g = groups.get(r.module) ?? {
			module: r.module,
			label: carrierLabel(r),
			icon: carrierIcon(r.module),
			records: []
		};
		g.records.push(r);
		groups.set(r.module, g);
	}
	for (const g of groups.values()) g.records.sort((a, b) => b.createdAt - a.createdAt);
	return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label, 'fr'));
}

export interface PeriodSummary {
	period: string;
	analyses: number;
	carriers: { module: string; label: string; analyses: number }[];
}

/** Every period with its counts, newest first, for the "Gérer l'Espace" tab. */
export function periodSummaries(records: readonly LibraryRecord[]): PeriodSummary[] {
	const periods = [...new Set(records.map((r) => r.period))].sort((a, b) => b.localeCompare(a));
	return periods.map((period) => {
		const groups = groupByCarrier(records, period);
		return {
			period,
			analyses: groups.reduce((n, g) => n + g.records.length, 0),
			carriers: groups.map((g) => ({ module: g.module, label: g.label, analyses: g.records.length }))
		};
	});
}

/** Matched ÷ billed lines of the archived analysis; null when unknown or nothing was billed. */
export function matchRate(record: LibraryRecord): number | null {
	const s = (record.result as Partial<ArchivedAnalysis> | null)?.summary;
	if (!s || !s.billedLines) return null;
	return s.matchedLines / s.billedLines;
}

/** The first three partners, "…" when there are more (any value shown as text). */
export function partnersCaption(partners: readonly unknown[]): string {
	if (!partners.length) return 'aucun';
	const shown = partners
		.slice(0, 3)
		.map((p) => String(p ?? ''))
		.join(', ');
	return partners.length > 3 ? `${shown}, …` : shown;
}

/** Excel forbids these in sheet names; 31 characters at most; names must be unique (case-insensitive). */
function sheetName(title: string, taken: Set<string>): string {
	const base =
		title
			.replace(/[[\]:*?/\\]/g, ' ')
			.replace(/\s+/g, ' ')
			.trim()
			.slice(0, 31) || 'Tableau';
	let name = base;
	for (let i = 2; taken.has(name.toLowerCase()); i++) {
		const suffix = ` (${i})`;
		name = base.slice(0, 31 - suffix.length) + suffix;
	}
	taken.add(name.toLowerCase());
	return name;
}

type Row = ArchivedAnalysis['tables'][number]['rows'][number];

/** The workbook of an archived analysis: a "Synthèse" sheet of its KPIs, then one sheet per frozen table. */
export function archiveSheets(record: LibraryRecord): SheetSpec<Row>[] {
	const archived = record.result as ArchivedAnalysis;
	const taken = new Set<string>();
	const kpis: SheetSpec<Row> = {
		name: sheetName('Synthèse', taken),
		columns: [
			{ header: 'Indicateur', value: (r) => r[0], width: 36 },
			{ header: 'Valeur', value: (r) => r[1], width: 24 },
			{ header: 'Détail', value: (r) => r[2], width: 60 }
		],
		rows: [
			['Analyse', record.title, null],
			['Période', record.period, null],
			['Fichiers', archived.files.map((f) => f.fileName).join(', '), null],
			...archived.kpis.map((k): Row => [k.label, k.value, k.hint ?? null])
		]
	};
	const tables = archived.tables.map((t): SheetSpec<Row> => ({
		name: sheetName(t.title || t.tab, taken),
		columns: t.columns.map((c, i) => ({ header: c.header, kind: c.kind, value: (r: Row) => r[i] })),
		rows: t.rows
	}));
	return [kpis, ...tables];
}

/** "pilot_bibliotheque_dpd_2026-11" — the download's name without extension. */
export function archiveFilePrefix(record: LibraryRecord): string {
	const safe = (s: string) =>
		s
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9-]+/g, '-')
			.replace(/^-|-$/g, '');
	return `pilot_bibliotheque_${safe(record.module)}_${safe(record.period)}`;
}
