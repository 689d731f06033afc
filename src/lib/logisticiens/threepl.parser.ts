/** The 3PL workbook (sheet "Facturation préparation", RULINGS 5) → ThreePLRow records. */
import { findHeader, requireSheet, type ColumnSpec } from '$lib/intake/columns';
import type { ParseContext, ParseResult } from '$lib/intake/parse.types';
import type { Cell, RawSheet } from '$lib/intake/read';
import { normaliseTracking, recogniseCarrier } from '$lib/intake/tracking';
import { cellText, isBlank, normalisePostcode, parseDay, parseGrams } from '$lib/intake/values';
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

export const THREEPL_COLUMNS: ColumnSpec[] = [
	{
		key: 'tracking',
		names: ['Numéro de tracking', 'N° de tracking', 'Tracking', 'Numéro de suivi'],
		required: true
	},
	{ key: 'partner', names: ['Nom du partenaire', 'Partenaire'], required: true },
	{ key: 'carrier', names: ['Transporteur'] },
	{ key: 'originOrder', names: ["Numéro de commande d'origine", "N° de commande d'origine"] },
	{ key: 'partnerOrder', names: ['Numéro de commande partenaire', 'N° de commande partenaire'] },
	{ key: 'orderDate', names: ['Date de la commande', 'Date commande'] },
	{
		key: 'shipDate',
		names: ["Date d'expédition"],
		match: (k) => k.includes('date') && k.includes('expedition')
	},
	{ key: 'weightG', names: ['Poids expédition', 'Poids expédition (g)', 'Poids (g)'] },
	{ key: 'weightKg', names: ['Poids expédition (kg)', 'Poids (kg)'] },
	{ key: 'country', names: ['Pays destination', 'Pays'] },
	{ key: 'postcode', names: ['Code postal destination', 'Code postal', 'CP'] },
	{ key: 'parcel', names: ['Numéro de colis', 'N° de colis', 'N° colis'] }
];

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
	const { headerRow, index } = findHeader(sheet, THREEPL_COLUMNS, ctx.fileName);
	const at = (row: Cell[], key: string): Cell => (key in index ? (row[index[key]] ?? null) : null);
	const rows: ThreePLRow[] = [];
	const errors: ParseResult['errors'] = [];
	const perCarrier: Record<string, number> = {};
	const perPartner: Record<string, number> = {};
	let blankRows = 0;
	let first: string | null = null;
	let last: string | null = null;
	const total = sheet.rows.length;

	for (let r = headerRow + 1; r < total; r++) {
		if (r % 5000 === 0) ctx.onProgress?.(r, total);
		const row = sheet.rows[r] ?? [];
		const line = r + 1;
		if (row.every(isBlank)) {
			blankRows++;
			continue;
		}
		const problems: string[] = [];
		const day = (key: string, label: string) => {
			const v = at(row, key);
			if (isBlank(v)) return null;
			const d = parseDay(v);
			if (!d) problems.push(`${label} illisible « ${cellText(v)} »`);
			return d;
		};
		const tracking = normaliseTracking(at(row, 'tracking'));
		if (!tracking) problems.push('numéro de tracking vide');
		const orderDate = day('orderDate', 'date de la commande');
		const shipDate = day('shipDate', "date d'expédition");
		const rawWeight = 'weightG' in index ? at(row, 'weightG') : at(row, 'weightKg');
		const weightG = isBlank(rawWeight) ? null : parseGrams(rawWeight, 'weightG' in index ? 'g' : 'kg');
		if (!isBlank(rawWeight) && weightG === null) problems.push(`poids illisible « ${cellText(rawWeight)} »`);
		if (problems.length) {
			errors.push({ line, message: problems.join(' ; ') });
			continue;
		}
		const country = cellText(at(row, 'country')).toUpperCase();
		const recognised = recogniseCarrier(tracking);
		const carrier = cellText(at(row, 'carrier')) || (recognised ? CARRIER_LABELS[recognised] : '');
		const partner = cellText(at(row, 'partner'));
		const parcel = normaliseTracking(at(row, 'parcel'));
		rows.push({
			tracking,
			partner,
			carrier,
			originOrder: cellText(at(row, 'originOrder')),
			partnerOrder: cellText(at(row, 'partnerOrder')),
			orderDate,
			shipDate,
			weightG,
			country,
			postcode: normalisePostcode(at(row, 'postcode'), country),
			...(parcel ? { parcel } : {}),
			_line: line
		});
		count(perCarrier, carrier || 'Non renseigné');
		count(perPartner, partner || 'Non renseigné');
		for (const d of [orderDate, shipDate]) {
			if (!d) continue;
			if (!first || d < first) first = d;
			if (!last || d > last) last = d;
		}
	}
	ctx.onProgress?.(total, total);
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
