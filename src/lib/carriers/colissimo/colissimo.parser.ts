/**
 * Colissimo invoice CSV (`;`): one line per billed parcel, outbound labels and "8R" return labels mixed.
 * Every line is kept (the invoice as billed); the module analyses the 8R ones. Fixes of the legacy:
 * encoding detected by the reader (BOM, UTF-8, else Windows-1252 — CO-2), headers matched trimmed and
 * accent-insensitive, French amounts with thousands separators (CO-3), `dd/mm/yyyy` read day-first (CO-7),
 * `8R` matched trimmed and upper-cased (CO-6), missing columns named (CO-5), unreadable cells reported
 * with their line instead of read as 0.
 */
import { quotedUnreadable, readTable, tableResult, type ColumnSpec } from '$lib/intake/columns';
import { PilotError } from '$lib/i18n/errors';
import type { ParseContext, ParseResult } from '$lib/intake/parse.types';
import type { RawSheet } from '$lib/intake/read';
import { normaliseTracking } from '$lib/intake/tracking';
import { cellText } from '$lib/intake/values';

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

export const COLISSIMO_COLUMNS = [
	{ key: 'product', names: ['Code produit'], required: true, type: 'upper' },
	{ key: 'tracking', names: ['Tracking', 'Numéro de colis', 'N° de colis'], required: true },
	{ key: 'day', names: ['Date PCH', 'Date de prise en charge'], type: 'day' },
	{ key: 'productLabel', names: ['Libellé produit'] },
	{ key: 'postcode', names: ['Code Postal', 'CP'], type: 'postcode', country: 'country' },
	{ key: 'country', names: ['Pays'], type: 'upper' },
	{ key: 'weight', names: ['Poids', 'Poids (kg)'], type: 'number' },
	{ key: 'prix', names: ['Prix', 'Prix HT'], type: 'cents' },
	{ key: 'majoration', names: ['Majoration service', 'Majoration'], type: 'cents' },
	{ key: 'total', names: ['Total', 'Total TTC'], required: true, type: 'cents' }
] as const satisfies readonly ColumnSpec[];

export function isReturn(row: Pick<ColissimoRow, 'product'>): boolean {
	return row.product === RETURN_PRODUCT;
}

export function parseColissimo(sheets: RawSheet[], ctx: ParseContext): ParseResult {
	const sheet = sheets[0];
	if (!sheet) throw new PilotError('empty-file', { file: ctx.fileName });
	const { rows, errors, headerRow } = readTable(sheet, COLISSIMO_COLUMNS, {
		fileName: ctx.fileName,
		onProgress: ctx.onProgress,
		unreadable: quotedUnreadable,
		message: (problems, l) =>
			`ligne ${l.line} (${l.cell('tracking') || 'sans tracking'}) : ${problems.join(' ; ')}`,
		row: (l): ColissimoRow => {
			// Blank money is 0 (an empty "Majoration service"); anything written must read as an amount.
			const prixCents = l.cell('prix') ?? 0;
			const majorationCents = l.cell('majoration') ?? 0;
			const totalCents = l.cell('total') ?? 0;
			const day = l.cell('day');
			const weightKg = l.cell('weight');
			if (weightKg !== null && weightKg < 0)
				l.problems.push(quotedUnreadable('Poids', cellText(l.at('weight'))));
			const product = l.cell('product');
			if (!product) l.problems.push('« Code produit » vide');
			return {
				_line: l.line,
				product,
				productLabel: l.cell('productLabel'),
				tracking: normaliseTracking(l.at('tracking')),
				trackingText: l.cell('tracking'),
				day,
				postcode: l.cell('postcode'),
				country: l.cell('country'),
				weightKg,
				prixCents,
				majorationCents,
				totalCents
			};
		}
	});
	// The dates of the returns, the lines the module analyses: they set the 3PL window (an outbound line
	// picked up in December must not ask for December's 3PL file).
	const returnRows = rows.filter(isReturn);
	const columns = (sheet.rows[headerRow] ?? []).map((c) => cellText(c)).filter(Boolean);
	const returns = returnRows.length;
	return {
		...tableResult(
			ctx.fileName,
			rows,
			errors,
			columns,
			returnRows.map((r) => r.day)
		),
		meta: { returns, otherLines: rows.length - returns }
	};
}
