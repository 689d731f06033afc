/**
 * Chronopost's lines and flags (pure): parcels with the surcharge rows under them, the theoretical price
 * at the 3PL weight and country, weight and price gaps, and the flags of the seven surcharge types. The
 * tabs' rows and the "total à contester" rule (RULINGS 8) are in chronopost.result.ts.
 */
import type { CarrierBilling } from '$lib/carriers/pipeline/reconciliation';
import type { BilledLine, InvoiceFile, LineFlag, MatchedLine } from '$lib/carriers/pipeline/carrier.types';
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
