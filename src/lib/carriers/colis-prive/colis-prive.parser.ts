/**
 * Colis Privé invoice CSV: one line per billed parcel with its billed weight (kg), service surcharge
 * ("Majoration service", €) and postcode. Columns are found by name; the reader handles BOM, `;` and
 * Windows-1252 (legacy CP-2); amounts are French numbers read into cents, and an unreadable amount is
 * reported with its line (legacy CP-3: it aborted the whole analysis), never read as zero.
 */
import { foundColumns, readTable, tableResult, type ColumnSpec } from '$lib/intake/columns';
import { PilotError } from '$lib/i18n/errors';
import type { ParseContext, ParseResult } from '$lib/intake/parse.types';
import type { RawSheet } from '$lib/intake/read';
import { normaliseTracking } from '$lib/intake/tracking';

export interface ColisPriveRow {
	/** Normalised tracking (the matching key, legacy CP-4); '' when the line has none. */
	tracking: string;
	/** As written in the file. */
	trackingText: string;
	/** ISO day of the line's "Date", when the file has one. */
	day: string | null;
	/** 5 characters for French codes that lost their leading zero. */
	postcode: string;
	city: string;
	weightKg: number | null;
	/** null when the cell is blank (shown empty, never counted as a surcharge). */
	majorationCents: number | null;
	prixHtCents: number | null;
	totalHtCents: number | null;
	_line: number;
}

/** Blank amounts and weights stay null; anything written must read as a number. */
export const COLIS_PRIVE_COLUMNS = [
	{ key: 'tracking', names: ['Tracking'], required: true },
	{ key: 'weight', names: ['Poids facturé'], required: true, type: 'number', label: 'poids facturé' },
	{
		key: 'majoration',
		names: ['Majoration service'],
		required: true,
		type: 'cents',
		label: 'majoration service'
	},
	{ key: 'postcode', names: ['Code Postal'], required: true, type: 'postcode' },
	{ key: 'date', names: ['Date'], type: 'day', label: 'date' },
	{ key: 'city', names: ['Ville'] },
	{ key: 'prixHt', names: ['Prix HT'], type: 'cents', label: 'prix HT' },
	{ key: 'totalHt', names: ['Total HT'], type: 'cents', label: 'total HT' }
] as const satisfies readonly ColumnSpec[];

export function parseColisPrive(sheets: RawSheet[], ctx: ParseContext): ParseResult {
	const sheet = sheets[0];
	if (!sheet) throw new PilotError('empty-file', { file: ctx.fileName });
	const { rows, errors, index } = readTable(sheet, COLIS_PRIVE_COLUMNS, {
		fileName: ctx.fileName,
		onProgress: ctx.onProgress,
		message: (problems, l) =>
			`ligne ${l.line} (${l.cell('tracking') || 'sans tracking'}) : ${problems.join(', ')}`,
		row: (l): ColisPriveRow => {
			const day = l.cell('date');
			const parsed: ColisPriveRow = {
				tracking: normaliseTracking(l.at('tracking')),
				trackingText: l.cell('tracking'),
				day,
				postcode: l.cell('postcode'),
				city: l.cell('city'),
				weightKg: l.cell('weight'),
				majorationCents: l.cell('majoration'),
				prixHtCents: l.cell('prixHt'),
				totalHtCents: l.cell('totalHt'),
				_line: l.line
			};
			if (parsed.weightKg !== null && parsed.weightKg < 0) l.problems.push('poids facturé négatif');
			return parsed;
		}
	});

	const days = rows.map((r) => r.day);
	return tableResult(ctx.fileName, rows, errors, foundColumns(COLIS_PRIVE_COLUMNS, index), days);
}
