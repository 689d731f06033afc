/**
 * The pipeline's pure core, the same for every carrier: match billed lines against the 3PL lookup,
 * raise the shared flags (Doublon, surpoids, NON ATTRIBUÉ), sum what is to contest, then let the
 * carrier compute its own result. The page, the archive and the tests all call `analyseCarrier`.
 */
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import type { PartnerMonthCost } from '$lib/analysis/partner-cost';
import type { ThreePLLookup, ThreePLMatch } from '$lib/logisticiens/threepl.types';
import { dominantMonth, monthOf, sameKey } from '$lib/intake/values';
import { formatCents, formatNumber } from '$lib/i18n/format';
import type {
	Analysis,
	BilledLine,
	CarrierModule,
	CarrierRules,
	InvoiceFile,
	LineFlag,
	MatchedLine,
	PipelineSummary
} from './carrier.types';
import { reconcile } from './reconciliation';

/** The 3PL row of this carrier for a tracking: the newest accepted one (RULINGS 3), with its rivals. */
export function matchTracking(
	tracking: string,
	lookup: ThreePLLookup,
	rules: CarrierRules
): { match: ThreePLMatch | null; conflict: ThreePLMatch[] } {
	if (!tracking) return { match: null, conflict: [] };
	const all = lookup.conflicts(tracking);
	const candidates = all.length ? all : [lookup.get(tracking)].filter((m): m is ThreePLMatch => !!m);
	const accepted = candidates.filter((m) => rules.acceptsCarrier(m.carrier.trim().toUpperCase()));
	return { match: accepted[0] ?? null, conflict: accepted.length > 1 ? accepted : [] };
}

/**
 * A tracking billed N times is N billed lines; the N−1 after the first are flagged "Doublon" and their
 * amount is to contest (RULINGS 2), trackings compared through `sameKey` (RULINGS 20). Lines without a
 * tracking are never duplicates of each other.
 */
export function flagDuplicates<L extends BilledLine>(lines: MatchedLine<L>[]): void {
	const first = new Map<string, MatchedLine<L>>();
	for (const ml of lines) {
		const key = sameKey(ml.line.tracking);
		if (!key) continue;
		const original = first.get(key);
		if (!original) {
			first.set(key, ml);
			continue;
		}
		const src = original.line.source;
		ml.flags.push({
			kind: 'doublon',
			label: 'Doublon',
			amountCents: ml.line.amountCents,
			detail: `Tracking déjà facturé (${src.fileName}, ligne ${src.line})`
		});
	}
}

/** Why a line is NON ATTRIBUÉ, or null when it has a partner. */
export function unattributedReason(ml: MatchedLine): string | null {
	if (ml.partner !== NON_ATTRIBUE) return null;
	if (!ml.line.tracking) return 'tracking absent';
	return ml.match ? 'partenaire vide dans le fichier logisticien' : 'absent des fichiers logisticiens';
}

/**
 * A line billed without a usable tracking stays in every total (RULINGS 21) and is flagged: unattributed,
 * its whole amount is to contest — the carrier billed a parcel nobody can identify.
 */
export function flagMissingTracking<L extends BilledLine>(lines: MatchedLine<L>[]): void {
	for (const ml of lines) {
		if (ml.line.tracking) continue;
		const { fileName, line } = ml.line.source;
		ml.flags.push({
			kind: 'sans-tracking',
			label: 'Tracking absent',
			amountCents: ml.partner === NON_ATTRIBUE ? ml.line.amountCents : 0,
			detail: `Ligne facturée sans tracking (${fileName}, ligne ${line}) : à faire justifier par le transporteur`
		});
	}
}

/** Billed weight above the 3PL weight plus the carrier's tolerance (RULINGS 7). */
export function overweight(
	billedKg: number | null,
	threePLG: number | null,
	toleranceG: number
): number | null {
	if (billedKg === null || threePLG === null || !Number.isFinite(billedKg) || !Number.isFinite(threePLG))
		return null;
	const excessG = Math.round(billedKg * 1000) - threePLG;
	return excessG > toleranceG ? excessG : null;
}

/** What an overweight's stake says when it cannot be computed: never 0,00 €, which reads "nothing to contest". */
export const NO_GRID = 'non calculable (pas de grille)';

/**
 * The amount at stake on an overweight line: invoiced − the grid price at the 3PL weight (issue 13); null
 * when the carrier has no grid, or its grid no price at that weight and country.
 */
export function overweightStake(ml: MatchedLine, gridCents: CarrierRules['gridCents']): number | null {
	const weightG = ml.match?.weightG ?? null;
	if (!gridCents || !ml.match || weightG === null) return null;
	const grid = gridCents(weightG, ml.match, ml.line);
	return grid === null ? null : ml.line.amountCents - grid;
}

/** "1,23 €", or « non calculable (pas de grille) ». */
export function stakeText(cents: number | null): string {
	return cents === null ? NO_GRID : formatCents(cents);
}

/** A flag as the "Contrôle" columns show it: an overweight carries its stake, e.g. "Surpoids (en jeu : 1,23 €)". */
export function flagLabel(f: LineFlag): string {
	return f.kind === 'surpoids' && f.stakeCents !== undefined
		? `${f.label} (en jeu : ${stakeText(f.stakeCents)})`
		: f.label;
}

function flagOverweight<L extends BilledLine>(lines: MatchedLine<L>[], rules: CarrierRules): void {
	for (const ml of lines) {
		const excess = overweight(ml.line.weightKg, ml.match?.weightG ?? null, rules.overweightToleranceG ?? 0);
		if (excess === null) continue;
		const stakeCents = overweightStake(ml, rules.gridCents);
		ml.flags.push({
			kind: 'surpoids',
			label: 'Surpoids',
			amountCents: 0,
			stakeCents,
			detail: `Poids facturé ${formatNumber(ml.line.weightKg ?? 0)} kg, logisticien ${formatNumber((ml.match?.weightG ?? 0) / 1000)} kg · en jeu : ${stakeText(stakeCents)}`
		});
	}
}

/** Match every line and raise the shared flags. Lines keep the order they were billed in. */
export function matchLines<L extends BilledLine>(
	lines: L[],
	lookup: ThreePLLookup,
	rules: CarrierRules,
	matchLine?: CarrierModule<unknown, L>['match']
): MatchedLine<L>[] {
	const matched = lines.map((line): MatchedLine<L> => {
		const { match, conflict } = matchLine
			? matchLine(line, lookup)
			: matchTracking(line.tracking, lookup, rules);
		const partner = match?.partner.trim() || NON_ATTRIBUE;
		return { line, match, partner, conflict, flags: [] };
	});
	flagDuplicates(matched);
	flagMissingTracking(matched);
	if (rules.overweightToleranceG !== undefined) flagOverweight(matched, rules);
	return matched;
}

export function summarise(lines: MatchedLine[]): PipelineSummary {
	let matchedLines = 0;
	let unmatchedCents = 0;
	let totalCents = 0;
	let duplicateExtraLines = 0;
	let duplicateExtraCents = 0;
	let overweightLines = 0;
	let toContestCents = 0;
	let conflictLines = 0;
	let first: string | null = null;
	let last: string | null = null;
	const partners = new Set<string>();
	for (const ml of lines) {
		totalCents += ml.line.amountCents;
		partners.add(ml.partner);
		if (ml.partner !== NON_ATTRIBUE) matchedLines++;
		else unmatchedCents += ml.line.amountCents;
		if (ml.conflict.length) conflictLines++;
		for (const f of ml.flags) {
			toContestCents += f.amountCents;
			if (f.kind === 'doublon') {
				duplicateExtraLines++;
				duplicateExtraCents += f.amountCents;
			}
			if (f.kind === 'surpoids') overweightLines++;
		}
		const day = ml.line.day;
		if (day) {
			if (!first || day < first) first = day;
			if (!last || day > last) last = day;
		}
	}
	const billedLines = lines.length;
	const unmatchedLines = billedLines - matchedLines;
	return {
		billedLines,
		matchedLines,
		unmatchedLines,
		unmatchedCents,
		unmatchedRate: billedLines ? unmatchedLines / billedLines : 0,
		totalCents,
		duplicateExtraLines,
		duplicateExtraCents,
		overweightLines,
		toContestCents,
		conflictLines,
		partners: partners.size,
		dateRange: first && last ? [first, last] : null
	};
}

/**
 * A carrier's synthesis: one row per partner with its number of items (`count`) and the sum of each
 * `sums` field (same name on the items), largest `by` first, then by partner name.
 */
export function sumByPartner<T extends { partner: string }, S extends keyof T & string, C extends string>(
	items: readonly T[],
	count: C,
	sums: readonly S[],
	by: S
): ({ partner: string } & Record<C | S, number>)[] {
	type Row = { partner: string } & Record<C | S, number>;
	const rows = new Map<string, Record<string, number | string>>();
	for (const item of items) {
		let row = rows.get(item.partner);
		if (!row) {
			row = { partner: item.partner, [count]: 0 };
			for (const f of sums) row[f] = 0;
			rows.set(item.partner, row);
		}
		(row[count] as number)++;
		for (const f of sums) (row[f] as number) += item[f] as number;
	}
	return ([...rows.values()] as Row[]).sort(
		(a, b) => b[by] - a[by] || a.partner.localeCompare(b.partner, 'fr')
	);
}

/** The month a line's cost belongs to: of the billed day, else of the 3PL shipment, else 'inconnu'. */
export function costMonth(ml: MatchedLine): string {
	const day = ml.line.day ?? ml.match?.shipDate ?? ml.match?.orderDate ?? null;
	return day ? monthOf(day) : 'inconnu';
}

/** What each partner cost per month (`costMonth`). */
export function partnerMonthCosts(lines: MatchedLine[]): PartnerMonthCost[] {
	const byKey = new Map<string, PartnerMonthCost>();
	for (const ml of lines) {
		const month = costMonth(ml);
		const key = `${ml.partner}\u0000${month}`;
		const cost = byKey.get(key) ?? { partner: ml.partner, month, cents: 0, lines: 0 };
		cost.cents += ml.line.amountCents;
		cost.lines++;
		byKey.set(key, cost);
	}
	return [...byKey.values()].sort((a, b) => a.month.localeCompare(b.month) || b.cents - a.cents);
}

/** Every ISO day the invoice lines carry: what the 3PL window is computed from (RULINGS 4). */
export function invoiceDays(lines: BilledLine[]): string[] {
	return [...new Set(lines.map((l) => l.day).filter((d): d is string => !!d))].sort();
}

/** The whole analysis of a carrier's stored files against a 3PL lookup: pure and recomputable. */
export function analyseCarrier<Row, L extends BilledLine, R>(
	module: CarrierModule<Row, L, R>,
	files: InvoiceFile<Row>[],
	lookup: ThreePLLookup,
	window: string[]
): Analysis<L, R> {
	const lines = matchLines(module.lines(files), lookup, module.rules, module.match);
	module.flag?.(lines, lookup);
	const summary = summarise(lines);
	return {
		carrier: module.id,
		window,
		lines,
		summary,
		costs: partnerMonthCosts(lines),
		reconciliation: reconcile(module.billing, files, lines),
		result: module.analyse(lines, { summary, lookup })
	};
}

/**
 * The Bibliothèque period of an analysis: the most frequent month among the matched 3PL order dates
 * (the legacy's rule), else among the billed days; ties go to the later month.
 */
export function archivePeriod(lines: MatchedLine[]): string | null {
	return (
		dominantMonth(lines.map((ml) => ml.match?.orderDate ?? ml.match?.shipDate ?? '')) ??
		dominantMonth(lines.map((ml) => ml.line.day))
	);
}
