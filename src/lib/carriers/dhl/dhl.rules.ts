/**
 * DHL analysis over matched shipments (pure): the 3PL enrichment, the "synthèse colonnes" of the
 * export's key columns (XC5 included), per-partner and per-charge-code totals.
 */
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import type { BilledLine, InvoiceFile, MatchedLine } from '$lib/carriers/pipeline/carrier.types';
import { repeatedInvoices, type RepeatedInvoice } from '$lib/carriers/pipeline/repeated-invoices';
import { mostFrequent } from '$lib/intake/values';
import type { CarrierBilling } from '$lib/carriers/pipeline/reconciliation';
import { XC_SLOTS, type DhlRow } from './dhl.parser';

/** DHL bills by the next half kilo: overweight when billed kg × 1000 > 3PL g + 500 g (RULINGS 7). */
export const DHL_OVERWEIGHT_TOLERANCE_G = 500;

/** A billed shipment; its amount (what a duplicate adds to contest) is the total excl. VAT. */
export interface DhlLine extends BilledLine {
	row: DhlRow;
}

/** Every `S` line is a billed shipment, worth its total excl. VAT like the invoice's `I` line (RULINGS 21). */
export const DHL_BILLING: CarrierBilling<DhlRow, DhlLine> = { rowCents: (row) => row.totalHtCents };

export function dhlLines(files: InvoiceFile<DhlRow>[]): DhlLine[] {
	return files.flatMap(({ dataset, rows }) =>
		rows.map((row) => ({
			tracking: row.tracking,
			day: row.date,
			amountCents: row.totalHtCents,
			weightKg: row.weightKg,
			source: { datasetId: dataset.id, fileName: dataset.fileName, slot: dataset.slot, line: row._line },
			place: `${row.destName} ${row.destCountry}`,
			row
		}))
	);
}

/** The 42 columns of the "Données Détaillées" export, in the legacy's order. */
export const DETAIL_HEADERS: readonly string[] = [
	'Num_Commande_Origine',
	'Num_Commande_Partenaire',
	'Partenaire',
	'Match',
	'Numero_Expedition',
	'Date_Expedition',
	'Expediteur',
	'Destination',
	'Poids_kg',
	'Devise',
	'Tarif_Base_HT',
	'Tarif_Base_Taxe',
	...XC_SLOTS.flatMap((n) => [
		`XC${n}_Code`,
		`XC${n}_Nom`,
		`XC${n}_Montant_HT`,
		`XC${n}_Taxe`,
		`XC${n}_Total_TTC`
	]),
	'Total_Frais_Supp_HT',
	'Total_Frais_Supp_Taxe',
	'Total_HT',
	'Total_Taxes',
	'Total_TTC'
];

/** The amounts highlighted in yellow in the export, and summarised in the "synthèse colonnes". */
export const KEY_COLUMNS: readonly string[] = [
	'Tarif_Base_HT',
	...XC_SLOTS.map((n) => `XC${n}_Montant_HT`),
	'Total_TTC'
];

/** Spreadsheet letter of a 0-based column index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
	let n = index + 1;
	let out = '';
	while (n > 0) {
		const rem = (n - 1) % 26;
		out = String.fromCharCode(65 + rem) + out;
		n = Math.floor((n - 1) / 26);
	}
	return out;
}

export interface ColumnSummary {
	/** Derived from the export layout (the legacy's letters did not match its own highlights). */
	letter: string;
	column: string;
	description: string;
	/** Lines with a non-zero amount. */
	count: number;
	totalCents: number;
	/** Mean, min and max over the lines counted (0 when none): the same rule for every column. */
	meanCents: number;
	minCents: number;
	maxCents: number;
}

export interface DhlPartnerRow {
	partner: string;
	shipments: number;
	baseCents: number;
	xcCents: number;
	totalHtCents: number;
	totalTtcCents: number;
}

export interface DhlCodeRow {
	code: string;
	name: string;
	count: number;
	cents: number;
}

export interface DhlResult {
	columns: ColumnSummary[];
	partners: DhlPartnerRow[];
	codes: DhlCodeRow[];
	totalHtCents: number;
	totalTtcCents: number;
	/** Currencies seen: the amounts are only summed as euros when it is EUR alone. */
	currencies: string[];
	/** Invoice numbers found in several files: their shipments are all Doublons. */
	repeatedInvoices: RepeatedInvoice[];
}

function summarise(column: string, description: string, amounts: number[]): ColumnSummary {
	const counted = amounts.filter((a) => a !== 0);
	const total = counted.reduce((s, a) => s + a, 0);
	return {
		letter: columnLetter(DETAIL_HEADERS.indexOf(column)),
		column,
		description,
		count: counted.length,
		totalCents: total,
		meanCents: counted.length ? Math.round(total / counted.length) : 0,
		minCents: counted.length ? Math.min(...counted) : 0,
		maxCents: counted.length ? Math.max(...counted) : 0
	};
}

export function analyseDhl(lines: MatchedLine<DhlLine>[]): DhlResult {
	const rows = lines.map((ml) => ml.line.row);
	const columns: ColumnSummary[] = [
		summarise(
			'Tarif_Base_HT',
			'Tarif de base hors taxes (Weight Charge)',
			rows.map((r) => r.baseCents)
		),
		...XC_SLOTS.map((n, i) => {
			const charged = rows.filter((r) => r.xc[i].chargeCents !== 0);
			const name = mostFrequent(charged.map((r) => r.xc[i].name)) ?? 'N/A';
			return summarise(
				`XC${n}_Montant_HT`,
				`Frais supplémentaire ${n} (${name})`,
				rows.map((r) => r.xc[i].chargeCents)
			);
		}),
		summarise(
			'Total_TTC',
			'Montant total TTC (Total amount incl. VAT)',
			rows.map((r) => r.totalTtcCents)
		)
	];

	const partners = new Map<string, DhlPartnerRow>();
	const codes = new Map<string, DhlCodeRow>();
	for (const ml of lines) {
		const r = ml.line.row;
		const p = partners.get(ml.partner) ?? {
			partner: ml.partner,
			shipments: 0,
			baseCents: 0,
			xcCents: 0,
			totalHtCents: 0,
			totalTtcCents: 0
		};
		p.shipments++;
		p.baseCents += r.baseCents;
		p.xcCents += r.xc.reduce((s, x) => s + x.chargeCents, 0);
		p.totalHtCents += r.totalHtCents;
		p.totalTtcCents += r.totalTtcCents;
		partners.set(ml.partner, p);
		for (const x of r.xc) {
			if (!x.code && !x.chargeCents) continue;
			const c = codes.get(x.code) ?? { code: x.code, name: x.name, count: 0, cents: 0 };
			c.count++;
			c.cents += x.chargeCents;
			codes.set(x.code, c);
		}
	}

	return {
		columns,
		partners: [...partners.values()].sort(
			(a, b) =>
				Number(a.partner === NON_ATTRIBUE) - Number(b.partner === NON_ATTRIBUE) ||
				b.totalTtcCents - a.totalTtcCents
		),
		codes: [...codes.values()].sort((a, b) => b.cents - a.cents),
		totalHtCents: rows.reduce((s, r) => s + r.totalHtCents, 0),
		totalTtcCents: rows.reduce((s, r) => s + r.totalTtcCents, 0),
		currencies: [...new Set(rows.map((r) => r.currency))].sort(),
		repeatedInvoices: repeatedInvoices(
			lines.map((ml) => ({ invoice: ml.line.row.invoice, source: ml.line.source }))
		)
	};
}
