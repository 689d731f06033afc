/** The 3PL workbook (sheet "Facturation préparation", RULINGS 5) → ThreePLRow records. */
import { readTable, requireSheet, type ColumnSpec } from '$lib/intake/columns';
import type { ParseContext, ParseResult } from '$lib/intake/parse.types';
import type { RawSheet } from '$lib/intake/read';
import { recogniseCarrier } from '$lib/intake/tracking';
import { cellText, isBlank, parseGrams } from '$lib/intake/values';
import { detectPeriod, periodFromFileName } from './threepl.period';
import type { ThreePLRow } from './threepl.types';

export const THREEPL_SHEET = 'Facturation préparation';

const CARRIER_LABELS = {
	colissimo: 'Colissimo',
	chronopost: 'Chronopost',
	dpd: 'DPD',
	'mondial-relay': 'Mondial Relay',
	dhl: 'DHL'
} as const;

const COLUMNS = [
	{
		key: 'tracking',
		names: ['Numéro de tracking', 'N° de tracking', 'Tracking', 'Numéro de suivi'],
		required: true,
		type: 'tracking'
	},
	{ key: 'partner', names: ['Nom du partenaire', 'Partenaire'], required: true },
	{ key: 'carrier', names: ['Transporteur'] },
	{ key: 'originOrder', names: ["Numéro de commande d'origine", "N° de commande d'origine"] },
	{ key: 'partnerOrder', names: ['Numéro de commande partenaire', 'N° de commande partenaire'] },
	{
		key: 'orderDate',
		names: ['Date de la commande', 'Date commande'],
		type: 'day',
		label: 'date de la commande'
	},
	{
		key: 'shipDate',
		names: ["Date d'expédition"],
		match: (k) => k.includes('date') && k.includes('expedition'),
		type: 'day',
		label: "date d'expédition"
	},
	// Grams, else kilograms (parseGrams): read by the parser.
	{ key: 'weightG', names: ['Poids expédition', 'Poids expédition (g)', 'Poids (g)'], type: 'raw' },
	{ key: 'weightKg', names: ['Poids expédition (kg)', 'Poids (kg)'], type: 'raw' },
	{ key: 'country', names: ['Pays destination', 'Pays'], type: 'upper' },
	{
		key: 'postcode',
		names: ['Code postal destination', 'Code postal', 'CP'],
		type: 'postcode',
		country: 'country'
	},
	{ key: 'parcel', names: ['Numéro de colis', 'N° de colis', 'N° colis'], type: 'tracking' }
] as const satisfies readonly ColumnSpec[];

/** The columns, as the import page lists them. */
export const THREEPL_COLUMNS: readonly ColumnSpec[] = COLUMNS;

/** Columns only one module reads (Mondial Relay's parcel key): their absence is not worth a warning. */
const QUIET_COLUMNS = new Set(['parcel']);

function count(into: Record<string, number>, key: string) {
	into[key] = (into[key] ?? 0) + 1;
}

/** A CSV export is accepted as is; a workbook must have the "Facturation préparation" sheet. */
function pickSheet(sheets: RawSheet[], fileName: string): RawSheet {
	if (sheets.length === 1 && sheets[0].name === 'csv') return sheets[0];
	return requireSheet(sheets, THREEPL_SHEET, fileName);
}

export function parseThreePL(sheets: RawSheet[], ctx: ParseContext): ParseResult {
	const sheet = pickSheet(sheets, ctx.fileName);
	const perCarrier: Record<string, number> = {};
	const perPartner: Record<string, number> = {};
	let first: string | null = null;
	let last: string | null = null;
	const { rows, errors, index, blankRows } = readTable(sheet, COLUMNS, {
		fileName: ctx.fileName,
		onProgress: ctx.onProgress,
		row: (l): ThreePLRow | null => {
			const tracking = l.cell('tracking');
			if (!tracking) l.problems.push('numéro de tracking vide');
			const orderDate = l.cell('orderDate');
			const shipDate = l.cell('shipDate');
			const grams = 'weightG' in l.index;
			const rawWeight = l.at(grams ? 'weightG' : 'weightKg');
			const weightG = isBlank(rawWeight) ? null : parseGrams(rawWeight, grams ? 'g' : 'kg');
			if (!isBlank(rawWeight) && weightG === null)
				l.problems.push(`poids illisible « ${cellText(rawWeight)} »`);
			if (l.problems.length) return null;
			const recognised = recogniseCarrier(tracking);
			const carrier = l.cell('carrier') || (recognised ? CARRIER_LABELS[recognised] : '');
			const partner = l.cell('partner');
			const parcel = l.cell('parcel');
			count(perCarrier, carrier || 'Non renseigné');
			count(perPartner, partner || 'Non renseigné');
			for (const d of [orderDate, shipDate]) {
				if (!d) continue;
				if (!first || d < first) first = d;
				if (!last || d > last) last = d;
			}
			return {
				tracking,
				partner,
				carrier,
				originOrder: l.cell('originOrder'),
				partnerOrder: l.cell('partnerOrder'),
				orderDate,
				shipDate,
				weightG,
				country: l.cell('country'),
				postcode: l.cell('postcode'),
				...(parcel ? { parcel } : {}),
				_line: l.line
			};
		}
	});
	const shipPeriod = 'shipDate' in index ? detectPeriod(rows.map((r) => r.shipDate)) : null;
	return {
		rows: rows as unknown as Record<string, unknown>[],
		errors,
		columns: THREEPL_COLUMNS.filter((c) => c.key in index).map((c) => c.key),
		dateRange: first && last ? [first, last] : null,
		period: shipPeriod ?? detectPeriod(rows.map((r) => r.orderDate)) ?? periodFromFileName(ctx.fileName),
		meta: {
			sheet: sheet.name,
			perCarrier,
			perPartner,
			blankRows,
			missingColumns: THREEPL_COLUMNS.filter(
				(c) => !(c.key in index) && c.key !== 'weightKg' && !QUIET_COLUMNS.has(c.key)
			)
				.filter((c) => !(c.key === 'weightG' && 'weightKg' in index))
				.map((c) => c.names[0])
		}
	};
}
