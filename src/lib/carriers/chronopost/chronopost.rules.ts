/**
 * Chronopost analysis over matched parcel lines (pure): theoretical price at the 3PL weight and country,
 * weight and price gaps, the seven surcharge types, and the "total à contester" rule of RULINGS 8.
 */
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import type { CarrierBilling } from '$lib/carriers/pipeline/reconciliation';
import type { BilledLine, InvoiceFile, LineFlag, MatchedLine } from '$lib/carriers/pipeline/carrier.types';
import { repeatedInvoices, type RepeatedInvoice } from '$lib/carriers/pipeline/repeated-invoices';
import { formatCents, formatNumber } from '$lib/i18n/format';
import { gridPrice, kgToGrams } from './chronopost.grid';
import { DOCUMENTED_CENTS, SURPLUS_TYPES, type ChronoRow, type SurplusType } from './chronopost.parser';

/** The Surplus tab's initial filter (legacy pre-selection); the total counts all seven by default. */
export const SURPLUS_PRESELECTION: readonly SurplusType[] = [
	'Etiquette non conforme',
	'Supplément manutention',
	'Supplément hors norme',
	'Retour expéditeur'
];

/** Billed weight above the 3PL weight by more than this is "surpoids" (RULINGS 7: 0,01 kg). */
export const CHRONO_OVERWEIGHT_TOLERANCE_G = 10;

export interface LineSurcharge {
	type: SurplusType;
	label: string;
	amountCents: number;
	line: number;
}

/** A billed parcel with the surcharge rows printed under it. */
export interface ChronoLine extends BilledLine {
	invoice: string;
	/** Destination country as invoiced. */
	country: string;
	recipient: string;
	product: string;
	surcharges: LineSurcharge[];
	/** Billed rows under the parcel that are none of the seven types (listed, not counted in the total). */
	others: { label: string; amountCents: number; line: number }[];
}

/** Parcel rows and the surcharge rows under them all bill: a line is worth all of them (RULINGS 21). */
export const CHRONO_BILLING: CarrierBilling<ChronoRow, ChronoLine> = {
	rowCents: (row) => row.amountCents,
	lineCents: (line) =>
		line.amountCents +
		line.surcharges.reduce((s, x) => s + x.amountCents, 0) +
		line.others.reduce((s, x) => s + x.amountCents, 0)
};

/** Stored parser rows of every invoice → parcel lines, each carrying its surcharges (file order). */
export function chronoLines(files: InvoiceFile<ChronoRow>[]): ChronoLine[] {
	const out: ChronoLine[] = [];
	for (const { dataset, rows } of files) {
		let last: ChronoLine | null = null;
		for (const row of rows) {
			if (row.kind === 'envoi') {
				last = {
					tracking: row.tracking,
					day: row.date,
					amountCents: row.amountCents,
					weightKg: row.weightKg,
					source: { datasetId: dataset.id, fileName: dataset.fileName, slot: dataset.slot, line: row._line },
					invoice: row.invoice,
					country: row.country,
					recipient: row.recipient,
					product: row.product,
					surcharges: [],
					others: []
				};
				out.push(last);
			} else if (last && last.tracking === row.tracking) {
				const item = { label: row.label, amountCents: row.amountCents, line: row._line };
				if (row.kind === 'surplus') last.surcharges.push({ ...item, type: row.type });
				else last.others.push(item);
			}
		}
	}
	return out;
}

/** Prices and gaps of one parcel. Theoretical = grid at the 3PL weight and 3PL country (RULINGS 8). */
export interface ChronoCheck {
	logG: number | null;
	billedG: number | null;
	/** The 3PL country when matched, else the invoiced one. */
	country: string;
	theoCents: number | null;
	theoBand: string | null;
	/** Invoiced − theoretical; null when the grid has no price ("prix théorique inconnu"). */
	ecartCents: number | null;
	/** Billed kg − 3PL kg. */
	weightGapKg: number | null;
	/** Grid price at the billed weight: above it, the parcel is overpriced. */
	billedGridCents: number | null;
}

export function checkLine(ml: MatchedLine<ChronoLine>): ChronoCheck {
	const logG = ml.match?.weightG ?? null;
	const billedG = kgToGrams(ml.line.weightKg);
	const country = (ml.match?.country || ml.line.country || '').toUpperCase();
	const theo = ml.match ? gridPrice(logG, country) : null;
	const billedGrid = gridPrice(billedG, country);
	return {
		logG,
		billedG,
		country,
		theoCents: theo?.cents ?? null,
		theoBand: theo?.band ?? null,
		ecartCents: theo ? ml.line.amountCents - theo.cents : null,
		weightGapKg: billedG !== null && logG !== null ? (billedG - logG) / 1000 : null,
		billedGridCents: billedGrid?.cents ?? null
	};
}

/**
 * Chronopost's own flags: positive écart, price above the grid at the billed weight, each surcharge.
 * Surcharges of types outside `selected` stay listed but add nothing to contest (RULINGS 8).
 */
export function flagChronopost(
	lines: MatchedLine<ChronoLine>[],
	selected: readonly SurplusType[] = SURPLUS_TYPES
): void {
	for (const ml of lines) {
		const c = checkLine(ml);
		const flags: LineFlag[] = [];
		if (c.ecartCents !== null && c.ecartCents > 0) {
			flags.push({
				kind: 'ecart',
				label: 'Écart de prix',
				amountCents: c.ecartCents,
				detail: `Facturé ${formatCents(ml.line.amountCents)}, grille ${formatCents(c.theoCents ?? 0)} au poids logisticien (${formatNumber((c.logG ?? 0) / 1000)} kg)`
			});
		}
		if (c.billedGridCents !== null && ml.line.amountCents > c.billedGridCents) {
			flags.push({
				kind: 'surfacturation',
				label: 'Prix > grille',
				amountCents: 0,
				detail: `Facturé ${formatCents(ml.line.amountCents)} pour une grille de ${formatCents(c.billedGridCents)} au poids facturé`
			});
		}
		for (const s of ml.line.surcharges) {
			const documented = DOCUMENTED_CENTS[s.type];
			flags.push({
				kind: 'surplus',
				label: s.type,
				amountCents: selected.includes(s.type) ? s.amountCents : 0,
				detail:
					s.amountCents === documented
						? `${s.label} (ligne ${s.line})`
						: `${s.label} (ligne ${s.line}) : ${formatCents(s.amountCents)} au lieu de ${formatCents(documented)} prévus`
			});
		}
		for (const o of ml.line.others) {
			flags.push({
				kind: 'autre',
				label: 'Ligne non classée',
				amountCents: 0,
				detail: `« ${o.label} » facturé ${formatCents(o.amountCents)} (ligne ${o.line}) : à vérifier`
			});
		}
		ml.flags.push(...flags);
	}
}

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
