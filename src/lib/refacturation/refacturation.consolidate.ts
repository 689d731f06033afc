/**
 * Export Refacturation (legacy §8), pure: every carrier's billed lines, as the carrier pages analyse them,
 * consolidated into one row per partner and tracking, then a synthesis per partner. Money in integer cents.
 * Each carrier re-bills what the legacy's contract says (DPD « Prix total ligne », Mondial Relay « Total avec
 * taxe », Chronopost positive gap + surcharges, Colis Privé « Majoration service »; Colissimo and DHL, which
 * the legacy left out, what they billed). Fixes the legacy's bugs (§8.5): every carrier contributes, a tracking billed twice
 * adds up instead of overwriting, lines without tracking never merge, a blank partner is NON ATTRIBUÉ and
 * counts in TOTAL GÉNÉRAL, and only the chosen months are taken.
 */
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import { costMonth } from '$lib/carriers/pipeline/carrier.analysis';
import type { AnyCarrierModule, BilledLine, MatchedLine } from '$lib/carriers/pipeline/carrier.types';
import type { Reconciliation } from '$lib/carriers/pipeline/reconciliation';
import { CARRIERS } from '$lib/carriers';

export interface RefactCarrierColumn {
	id: RefactCarrier;
	column: string;
	label: string;
}

/** The carriers of the export, in the legacy's column order (DHL, ignored by the legacy, then the newer ones). */
export function refactCarriers(carriers: readonly AnyCarrierModule[]): RefactCarrierColumn[] {
	const rank = (c: AnyCarrierModule) => c.refacturation.rank ?? Number.MAX_SAFE_INTEGER;
	return [...carriers]
		.sort((a, b) => rank(a) - rank(b))
		.map((c) => ({ id: c.id, column: c.refacturation.column, label: c.label }));
}

export const REFACT_CARRIERS = refactCarriers(CARRIERS);

/** A carrier's id (`CarrierModule.id`). */
export type RefactCarrier = string;

/** One billed line reduced to what the export needs (structured-cloneable, small). */
export interface RefactLine {
	partner: string;
	tracking: string;
	/** Origin order number from the 3PL row ('' when unmatched). */
	order: string;
	/** Order date from the 3PL row, else the billed day (ISO), else null. */
	day: string | null;
	/** `costMonth` of the line: what the period choice filters on. */
	month: string;
	cents: number;
	/** Where it was billed, to keep lines without tracking apart. */
	source: string;
}

/** What one carrier holds: its stored files (0 = nothing imported) and its analysed lines. */
export interface CarrierSource {
	carrier: RefactCarrier;
	files: number;
	lines: RefactLine[];
	/** Its analysis failed (already reported): its amounts are missing, which the page must say. */
	failed?: boolean;
	/** Its invoices' reconciliation, as its page shows it (RULINGS 21). */
	reconciliation?: Reconciliation;
}

export interface RefactRow {
	partner: string;
	order: string;
	tracking: string;
	day: string | null;
	cents: Record<RefactCarrier, number>;
	totalCents: number;
}

export interface PartnerSynthesis {
	partner: string;
	/** Rows of the detail sheet for this partner (legacy « Nb_Commandes »). */
	orders: number;
	cents: Record<RefactCarrier, number>;
	totalCents: number;
}

export interface CarrierStatus {
	carrier: RefactCarrier;
	label: string;
	files: number;
	/** Lines in the chosen months and partners. */
	lines: number;
	cents: number;
	/** French explanation when the carrier adds nothing, else null. */
	message: string | null;
	/** Every euro of its stored invoices accounted for (all months), as on its page; null when none. */
	reconciliation: Reconciliation | null;
}

export interface Consolidation {
	rows: RefactRow[];
	synthesis: PartnerSynthesis[];
	/** Column sums of every row (NON ATTRIBUÉ included): TOTAL GÉNÉRAL. */
	total: PartnerSynthesis;
	/** Rows left out because their total is ≤ 0 (credits, free lines), as the legacy did — now counted. */
	dropped: number;
	carriers: CarrierStatus[];
}

export interface ConsolidateOptions {
	/** 'YYYY-MM' months to take (a line's `costMonth`). */
	months: readonly string[];
	/** Partners to take; null = all ("Tous les partenaires"). */
	partners: readonly string[] | null;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

export function zeroCents(): Record<RefactCarrier, number> {
	return Object.fromEntries(REFACT_CARRIERS.map((c) => [c.id, 0]));
}

/**
 * A carrier's matched lines (`Analysis.lines`) as export lines, each worth what the carrier's contract
 * re-bills (`CarrierModule.rebillCents`; by default everything billed).
 */
export function refactLines<L extends BilledLine>(
	lines: readonly MatchedLine<L>[],
	rebill: (ml: MatchedLine<L>) => number = (ml) => ml.line.amountCents
): RefactLine[] {
	return lines.map((ml) => ({
		partner: ml.partner.trim() || NON_ATTRIBUE,
		tracking: ml.line.tracking,
		order: ml.match?.originOrder.trim() ?? '',
		day: ml.match?.orderDate ?? ml.line.day ?? null,
		month: costMonth(ml),
		cents: rebill(ml),
		source: `${ml.line.source.fileName}:${ml.line.source.line}`
	}));
}

/** Every month some carrier billed, newest first. */
export function availableMonths(sources: readonly CarrierSource[]): string[] {
	const months = new Set(sources.flatMap((s) => s.lines.map((l) => l.month)));
	return [...months].sort().reverse();
}

/** Partners billed in the chosen months, sorted (NON ATTRIBUÉ last). */
export function partnersIn(sources: readonly CarrierSource[], months: readonly string[]): string[] {
	const wanted = new Set(months);
	const names = new Set<string>();
	for (const s of sources)
		for (const l of s.lines) if (wanted.has(l.month)) names.add(l.partner.trim() || NON_ATTRIBUE);
	return [...names].sort(comparePartners);
}

export function comparePartners(a: string, b: string): number {
	if (a === b) return 0;
	if (a === NON_ATTRIBUE) return 1;
	if (b === NON_ATTRIBUE) return -1;
	return collator.compare(a, b) || (a < b ? -1 : 1);
}

function statusMessage(
	label: string,
	files: number,
	lines: number,
	cents: number,
	failed: boolean
): string | null {
	if (failed)
		return `${label} : l'analyse des factures a échoué (voir le message d'erreur) — ses montants manquent dans l'export ; corrigez le fichier dans le module ${label} puis recalculez.`;
	if (files === 0) return `${label} : aucune facture importée — importez-la dans le module ${label}.`;
	if (lines === 0)
		return `${label} : aucune ligne facturée sur la période choisie (ni pour ces partenaires).`;
	if (cents <= 0) return `${label} : rien à refacturer sur la période choisie (montants nuls ou négatifs).`;
	return null;
}

export function consolidate(sources: readonly CarrierSource[], options: ConsolidateOptions): Consolidation {
	const months = new Set(options.months);
	const partners = options.partners ? new Set(options.partners) : null;
	const byKey = new Map<string, RefactRow>();
	const carriers: CarrierStatus[] = [];
	for (const { id, label } of REFACT_CARRIERS) {
		const own = sources.filter((s) => s.carrier === id);
		let lines = 0;
		let cents = 0;
		for (const l of own.flatMap((s) => s.lines)) {
			const partner = l.partner.trim() || NON_ATTRIBUE;
			if (!months.has(l.month) || (partners && !partners.has(partner))) continue;
			lines++;
			cents += l.cents;
			// A line without tracking is its own row: the legacy merged them all under "nan".
			const key = `${partner}\u0000${l.tracking || `\u0001${id}:${l.source}`}`;
			let row = byKey.get(key);
			if (!row) {
				row = {
					partner,
					order: l.order,
					tracking: l.tracking,
					day: l.day,
					cents: zeroCents(),
					totalCents: 0
				};
				byKey.set(key, row);
			}
			row.order ||= l.order;
			row.day ??= l.day;
			row.cents[id] += l.cents;
			row.totalCents += l.cents;
		}
		const files = own.reduce((n, s) => n + s.files, 0);
		carriers.push({
			carrier: id,
			label,
			files,
			lines,
			cents,
			message: statusMessage(
				label,
				files,
				lines,
				cents,
				own.some((s) => s.failed)
			),
			reconciliation: own.find((s) => s.reconciliation)?.reconciliation ?? null
		});
	}
	const all = [...byKey.values()];
	const rows = all
		.filter((r) => r.totalCents > 0)
		.sort(
			(a, b) =>
				comparePartners(a.partner, b.partner) ||
				b.totalCents - a.totalCents ||
				a.tracking.localeCompare(b.tracking)
		);
	const synthesis = synthesise(rows);
	return { rows, synthesis, total: grandTotal(synthesis), dropped: all.length - rows.length, carriers };
}

/** One line per partner (Nb_Commandes = its rows), largest TOTAL first. */
export function synthesise(rows: readonly RefactRow[]): PartnerSynthesis[] {
	const byPartner = new Map<string, PartnerSynthesis>();
	for (const r of rows) {
		let p = byPartner.get(r.partner);
		if (!p) {
			p = { partner: r.partner, orders: 0, cents: zeroCents(), totalCents: 0 };
			byPartner.set(r.partner, p);
		}
		p.orders++;
		for (const { id } of REFACT_CARRIERS) p.cents[id] += r.cents[id];
		p.totalCents += r.totalCents;
	}
	return [...byPartner.values()].sort(
		(a, b) => b.totalCents - a.totalCents || comparePartners(a.partner, b.partner)
	);
}

/** TOTAL GÉNÉRAL: the sum of every partner line, so it always equals the detail sheet's sum. */
export function grandTotal(synthesis: readonly PartnerSynthesis[]): PartnerSynthesis {
	const total: PartnerSynthesis = { partner: 'TOTAL GÉNÉRAL', orders: 0, cents: zeroCents(), totalCents: 0 };
	for (const p of synthesis) {
		total.orders += p.orders;
		for (const { id } of REFACT_CARRIERS) total.cents[id] += p.cents[id];
		total.totalCents += p.totalCents;
	}
	return total;
}

/**
 * `Refacturation_<up to 3 partners | N_partenaires>_YYYYMMDD_HHMMSS.xlsx` (legacy), partner names made
 * safe for every file system (the legacy wrote them raw).
 */
export function refactFileName(partners: readonly string[] | null, now: Date): string {
	const p = (n: number) => String(n).padStart(2, '0');
	const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}_${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
	const safe = (name: string) =>
		name
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^A-Za-z0-9-]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 40) || 'partenaire';
	const parts = ['Refacturation'];
	if (partners && partners.length > 3) parts.push(`${partners.length}_partenaires`);
	else if (partners) parts.push(...partners.map(safe));
	parts.push(stamp);
	return `${parts.join('_')}.xlsx`;
}
