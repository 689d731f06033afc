/**
 * The Chronopost analysis the tabs show (pure): per-parcel detail rows, surcharges, unclassified rows,
 * per-partner and per-type totals, and the "total à contester" rule of RULINGS 8.
 */
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import type { BilledLine, MatchedLine } from '$lib/carriers/pipeline/carrier.types';
import { repeatedInvoices, type RepeatedInvoice } from '$lib/carriers/pipeline/repeated-invoices';
import { DOCUMENTED_CENTS, SURPLUS_TYPES, type SurplusType } from './chronopost.parser';
import { checkLine, type ChronoCheck, type ChronoLine } from './chronopost.rules';

/** One parcel as the "Détail par Commande" tab and export show it. */
export interface ChronoDetailRow extends ChronoCheck {
	day: string | null;
	/** The 3PL's shipping day, else the billed day: a claim's deadline counts from it. */
	shipDate: string | null;
	partner: string;
	tracking: string;
	originOrder: string;
	partnerOrder: string;
	chronoKg: number | null;
	invoicedCents: number;
	matched: boolean;
	duplicate: boolean;
	overweight: boolean;
	overpriced: boolean;
	source: BilledLine['source'];
}

/** One surcharge, with its parcel's partner (the Surplus and Retours tabs). */
export interface ChronoSurchargeRow {
	day: string | null;
	shipDate: string | null;
	partner: string;
	tracking: string;
	originOrder: string;
	partnerOrder: string;
	type: SurplusType;
	label: string;
	amountCents: number;
	documentedCents: number;
	matched: boolean;
	line: number;
	fileName: string;
}

/** A billed row of no known type, with its parcel's partner. */
export interface ChronoOtherRow {
	day: string | null;
	partner: string;
	tracking: string;
	label: string;
	amountCents: number;
	line: number;
	fileName: string;
}

export interface PartnerRow {
	partner: string;
	nbEnvois: number;
	/** Null when no parcel of the partner has a 3PL weight (NON ATTRIBUÉ): shown as blank, never 0. */
	logKg: number | null;
	chronoKg: number;
	/** Null when the grid prices none of its parcels ("prix théorique inconnu", legacy bug §2.12.10). */
	theoCents: number | null;
	invoicedCents: number;
	/** Σ positive écarts only (RULINGS 8): a negative écart is never netted against a positive one. */
	ecartCents: number;
	surplusByType: Partial<Record<SurplusType, number>>;
}

export interface TypeTotal {
	type: SurplusType;
	count: number;
	cents: number;
}

export interface ChronoResult {
	details: ChronoDetailRow[];
	surcharges: ChronoSurchargeRow[];
	others: ChronoOtherRow[];
	partners: PartnerRow[];
	byType: TypeTotal[];
	positiveEcarts: { count: number; cents: number };
	overweightLines: number;
	overpricedLines: number;
	/** Matched parcels the grid cannot price (country outside the grids, over 20/15 kg). */
	unknownTheoLines: number;
	/** Surcharges billed at another amount than the documented one. */
	amountMismatches: number;
	/** Invoice numbers found in several files (legacy bug §2.12.8: a re-upload doubled everything). */
	repeatedInvoices: RepeatedInvoice[];
}

export function analyseChronopost(lines: MatchedLine<ChronoLine>[]): ChronoResult {
	const details: ChronoDetailRow[] = [];
	const surcharges: ChronoSurchargeRow[] = [];
	const others: ChronoOtherRow[] = [];
	const partners = new Map<string, PartnerRow>();
	const positive = { count: 0, cents: 0 };
	let unknownTheoLines = 0;

	for (const ml of lines) {
		const c = checkLine(ml);
		const has = (kind: string) => ml.flags.some((f) => f.kind === kind);
		const row: ChronoDetailRow = {
			...c,
			day: ml.line.day,
			shipDate: ml.match?.shipDate ?? ml.line.day,
			partner: ml.partner,
			tracking: ml.line.tracking,
			originOrder: ml.match?.originOrder ?? '',
			partnerOrder: ml.match?.partnerOrder ?? '',
			chronoKg: ml.line.weightKg,
			invoicedCents: ml.line.amountCents,
			matched: !!ml.match,
			duplicate: has('doublon'),
			overweight: has('surpoids'),
			overpriced: has('surfacturation'),
			source: ml.line.source
		};
		details.push(row);
		if (ml.match && c.theoCents === null) unknownTheoLines++;
		if (c.ecartCents !== null && c.ecartCents > 0) {
			positive.count++;
			positive.cents += c.ecartCents;
		}

		const p: PartnerRow = partners.get(ml.partner) ?? {
			partner: ml.partner,
			nbEnvois: 0,
			logKg: null,
			chronoKg: 0,
			theoCents: null,
			invoicedCents: 0,
			ecartCents: 0,
			surplusByType: {}
		};
		p.nbEnvois++;
		if (c.logG !== null) p.logKg = (p.logKg ?? 0) + c.logG / 1000;
		p.chronoKg += ml.line.weightKg ?? 0;
		if (c.theoCents !== null) p.theoCents = (p.theoCents ?? 0) + c.theoCents;
		p.invoicedCents += ml.line.amountCents;
		if (c.ecartCents !== null && c.ecartCents > 0) p.ecartCents += c.ecartCents;
		for (const s of ml.line.surcharges) {
			p.surplusByType[s.type] = (p.surplusByType[s.type] ?? 0) + s.amountCents;
			surcharges.push({
				day: ml.line.day,
				shipDate: row.shipDate,
				partner: ml.partner,
				tracking: ml.line.tracking,
				originOrder: row.originOrder,
				partnerOrder: row.partnerOrder,
				type: s.type,
				label: s.label,
				amountCents: s.amountCents,
				documentedCents: DOCUMENTED_CENTS[s.type],
				matched: row.matched,
				line: s.line,
				fileName: ml.line.source.fileName
			});
		}
		for (const o of ml.line.others) {
			const where = {
				day: ml.line.day,
				partner: ml.partner,
				tracking: ml.line.tracking,
				fileName: ml.line.source.fileName
			};
			others.push({ ...o, ...where });
		}
		partners.set(ml.partner, p);
	}

	const byType = SURPLUS_TYPES.map((type) => {
		const of = surcharges.filter((s) => s.type === type);
		return { type, count: of.length, cents: of.reduce((sum, s) => sum + s.amountCents, 0) };
	});
	const round3 = (kg: number) => Math.round(kg * 1000) / 1000;
	return {
		details,
		surcharges,
		others,
		partners: [...partners.values()]
			.map((p) => ({ ...p, logKg: p.logKg === null ? null : round3(p.logKg), chronoKg: round3(p.chronoKg) }))
			.sort((a, b) => b.ecartCents - a.ecartCents || a.partner.localeCompare(b.partner, 'fr')),
		byType,
		positiveEcarts: positive,
		overweightLines: details.filter((d) => d.overweight).length,
		overpricedLines: details.filter((d) => d.overpriced).length,
		unknownTheoLines,
		amountMismatches: surcharges.filter((s) => s.amountCents !== s.documentedCents).length,
		repeatedInvoices: repeatedInvoices(lines.map((ml) => ml.line))
	};
}

/** Σ of the surcharges of the selected types. */
export function surplusCents(
	byType: Partial<Record<SurplusType, number>> | TypeTotal[],
	selected: readonly SurplusType[]
): number {
	const cents = (type: SurplusType) =>
		Array.isArray(byType) ? (byType.find((t) => t.type === type)?.cents ?? 0) : (byType[type] ?? 0);
	return selected.reduce((sum, type) => sum + cents(type), 0);
}

/** "Total à contester" (RULINGS 8): Σ positive écarts + Σ surcharges of the selected types (default all 7). */
export function totalToContest(
	result: ChronoResult,
	selected: readonly SurplusType[] = SURPLUS_TYPES
): number {
	return result.positiveEcarts.cents + surplusCents(result.byType, selected);
}

/** A partner's "Total à contester", with the same rule as the global one. */
export function partnerToContest(p: PartnerRow, selected: readonly SurplusType[] = SURPLUS_TYPES): number {
	return p.ecartCents + surplusCents(p.surplusByType, selected);
}

/** Matched partners first (by écart), NON ATTRIBUÉ last: it is what the 3PL files do not explain. */
export function partnersForDisplay(result: ChronoResult): PartnerRow[] {
	return [
		...result.partners.filter((p) => p.partner !== NON_ATTRIBUE),
		...result.partners.filter((p) => p.partner === NON_ATTRIBUE)
	];
}
