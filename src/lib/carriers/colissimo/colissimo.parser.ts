/**
 * Colissimo invoice CSV (`;`): one line per billed parcel, outbound labels and "8R" return labels mixed.
 * Every line is kept (the invoice as billed); the module analyses the 8R ones. Fixes of the legacy:
 * encoding detected by the reader (BOM, UTF-8, else Windows-1252 — CO-2), headers matched trimmed and
 * accent-insensitive, French amounts with thousands separators (CO-3), `dd/mm/yyyy` read day-first (CO-7),
 * `8R` matched trimmed and upper-cased (CO-6), missing columns named (CO-5), unreadable cells reported
 * with their line instead of read as 0.
 */
import { findHeader, type ColumnSpec } from '$lib/intake/columns';
import { PilotError } from '$lib/i18n/errors';
import type { ParseContext, ParseResult } from '$lib/intake/parse.types';
import type { Cell, RawSheet } from '$lib/intake/read';
import { normaliseTracking } from '$lib/intake/tracking';
import {
	cellText,
	dominantMonth,
	isBlank,
	normalisePostcode,
	parseCents,
	parseDay,
	parseNumber
} from '$lib/intake/values';

/** The product code of a return label. */
export const RETURN_PRODUCT = '8R';

/** A Colissimo invoice line as stored. */
export interface ColissimoRow {
	_line: number;
	/** "Code produit", trimmed and upper-cased ("8R", "DOM", "6A"…). */
	product: string;
	productLabel: string;
	/** Normalised ('' when the line has none). */
	tracking: string;
	/** As written in the file. */
	trackingText: string;
	/** "Date PCH" (pick-up), ISO. */
	day: string | null;
	/** 5 digits for France and Monaco (leading zero restored, CO-9). */
	postcode: string;
	country: string;
	weightKg: number | null;
	/** "Prix" (the legacy's "Prix HT (€)"). */
	prixCents: number;
	/** "Majoration service". */
	majorationCents: number;
	/** "Total" (the legacy's "Total TTC (€)"): what is re-billed. */
	totalCents: number;
}

export const COLISSIMO_COLUMNS: ColumnSpec[] = [
	{ key: 'product', names: ['Code produit'], required: true },
	{ key: 'tracking', names: ['Tracking', 'Numéro de colis', 'N° de colis'], required: true },
	{ key: 'day', names: ['Date PCH', 'Date de prise en charge'] },
	{ key: 'productLabel', names: ['Libellé produit'] },
	{ key: 'postcode', names: ['Code Postal', 'CP'] },
	{ key: 'country', names: ['Pays'] },
	{ key: 'weight', names: ['Poids', 'Poids (kg)'] },
	{ key: 'prix', names: ['Prix', 'Prix HT'] },
	{ key: 'majoration', names: ['Majoration service', 'Majoration'] },
	{ key: 'total', names: ['Total', 'Total TTC'], required: true }
];

type MoneyKey = 'prixCents' | 'majorationCents' | 'totalCents';

const MONEY: [MoneyKey, string, string][] = [
	['prixCents', 'prix', 'Prix'],
	['majorationCents', 'majoration', 'Majoration service'],
	['totalCents', 'total', 'Total']
];

export function isReturn(row: Pick<ColissimoRow, 'product'>): boolean {
	return row.product === RETURN_PRODUCT;
}

export function parseColissimo(sheets: RawSheet[], ctx: ParseContext): ParseResult {
	const sheet = sheets[0];
	if (!sheet) throw new PilotError('empty-file', { file: ctx.fileName });
	const { headerRow, index } = findHeader(sheet, COLISSIMO_COLUMNS, ctx.fileName);
	const rows: ColissimoRow[] = [];
	const errors: ParseResult['errors'] = [];
	const total = sheet.rows.length;

	for (let r = headerRow + 1; r < total; r++) {
		if (r % 5000 === 0) ctx.onProgress?.(r, total);
		const row = sheet.rows[r] ?? [];
		const line = r + 1;
		if (row.every(isBlank)) continue;
		const at = (key: string): Cell => (key in index ? (row[index[key]] ?? null) : null);
		const problems: string[] = [];
		// Blank money is 0 (an empty "Majoration service"); anything written must read as an amount.
		const money = {} as Record<MoneyKey, number>;
		for (const [key, column, header] of MONEY) {
			const v = at(column);
			const cents = isBlank(v) ? 0 : parseCents(v);
			if (cents === null) problems.push(`« ${header} » illisible : « ${cellText(v)} »`);
			money[key] = cents ?? 0;
		}
		const rawDay = at('day');
		const day = isBlank(rawDay) ? null : parseDay(rawDay);
		if (!isBlank(rawDay) && !day) problems.push(`« Date PCH » illisible : « ${cellText(rawDay)} »`);
		const rawWeight = at('weight');
		const weightKg = isBlank(rawWeight) ? null : parseNumber(rawWeight);
		if (!isBlank(rawWeight) && (weightKg === null || weightKg < 0))
			problems.push(`« Poids » illisible : « ${cellText(rawWeight)} »`);
		const product = cellText(at('product')).toUpperCase();
		const trackingText = cellText(at('tracking'));
		if (!product) problems.push('« Code produit » vide');
		if (problems.length) {
			errors.push({
				line,
				message: `ligne ${line} (${trackingText || 'sans tracking'}) : ${problems.join(' ; ')}`
			});
			continue;
		}
		const country = cellText(at('country')).toUpperCase();
		rows.push({
			_line: line,
			product,
			productLabel: cellText(at('productLabel')),
			tracking: normaliseTracking(at('tracking')),
			trackingText,
			day,
			postcode: normalisePostcode(at('postcode'), country),
			country,
			weightKg,
			...money
		});
	}
	ctx.onProgress?.(total, total);
	if (!rows.length && !errors.length) throw new PilotError('empty-file', { file: ctx.fileName });
	// The dates of the returns, the lines the module analyses: they set the 3PL window (an outbound line
	// picked up in December must not ask for December's 3PL file).
	const returnRows = rows.filter(isReturn);
	const days = returnRows.flatMap((r) => (r.day ? [r.day] : [])).sort();
	const returns = returnRows.length;
	return {
		rows: rows as unknown as Record<string, unknown>[],
		errors,
		columns: (sheet.rows[headerRow] ?? []).map((c) => cellText(c)).filter(Boolean),
		dateRange: days.length ? [days[0], days[days.length - 1]] : null,
		period: dominantMonth(days),
		meta: { returns, otherLines: rows.length - returns }
	};
}
