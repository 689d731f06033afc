/**
 * Colis Privé invoice CSV: one line per billed parcel with its billed weight (kg), service surcharge
 * ("Majoration service", €) and postcode. Columns are found by name; the reader handles BOM, `;` and
 * Windows-1252 (legacy CP-2); amounts are French numbers read into cents, and an unreadable amount is
 * reported with its line (legacy CP-3: it aborted the whole analysis), never read as zero.
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

export const COLIS_PRIVE_COLUMNS: ColumnSpec[] = [
	{ key: 'tracking', names: ['Tracking'], required: true },
	{ key: 'weight', names: ['Poids facturé'], required: true },
	{ key: 'majoration', names: ['Majoration service'], required: true },
	{ key: 'postcode', names: ['Code Postal'], required: true },
	{ key: 'date', names: ['Date'] },
	{ key: 'city', names: ['Ville'] },
	{ key: 'prixHt', names: ['Prix HT'] },
	{ key: 'totalHt', names: ['Total HT'] }
];

export function parseColisPrive(sheets: RawSheet[], ctx: ParseContext): ParseResult {
	const sheet = sheets[0];
	if (!sheet) throw new PilotError('empty-file', { file: ctx.fileName });
	const { headerRow, index } = findHeader(sheet, COLIS_PRIVE_COLUMNS, ctx.fileName);
	const rows: ColisPriveRow[] = [];
	const errors: ParseResult['errors'] = [];

	for (let r = headerRow + 1; r < sheet.rows.length; r++) {
		const row = sheet.rows[r] ?? [];
		const line = r + 1;
		if (row.every(isBlank)) continue;
		const at = (key: string): Cell => (key in index ? (row[index[key]] ?? null) : null);
		const problems: string[] = [];
		/** Blank stays null; anything written must read as a number. */
		const read = <T>(key: string, label: string, parse: (v: Cell) => T | null): T | null => {
			const v = at(key);
			if (isBlank(v)) return null;
			const n = parse(v);
			if (n === null) problems.push(`${label} illisible « ${cellText(v)} »`);
			return n;
		};
		const rawDate = at('date');
		const day = parseDay(rawDate);
		if (!day && !isBlank(rawDate)) problems.push(`date illisible « ${cellText(rawDate)} »`);
		const parsed: ColisPriveRow = {
			tracking: normaliseTracking(at('tracking')),
			trackingText: cellText(at('tracking')),
			day,
			postcode: normalisePostcode(at('postcode')),
			city: cellText(at('city')),
			weightKg: read('weight', 'poids facturé', parseNumber),
			majorationCents: read('majoration', 'majoration service', parseCents),
			prixHtCents: read('prixHt', 'prix HT', parseCents),
			totalHtCents: read('totalHt', 'total HT', parseCents),
			_line: line
		};
		if (parsed.weightKg !== null && parsed.weightKg < 0) problems.push('poids facturé négatif');
		if (problems.length)
			errors.push({
				line,
				message: `ligne ${line} (${parsed.trackingText || 'sans tracking'}) : ${problems.join(', ')}`
			});
		else rows.push(parsed);
	}

	if (!rows.length && !errors.length) throw new PilotError('empty-file', { file: ctx.fileName });
	const days = rows.flatMap((r) => (r.day ? [r.day] : [])).sort();
	return {
		rows: rows as unknown as Record<string, unknown>[],
		errors,
		columns: COLIS_PRIVE_COLUMNS.filter((c) => c.key in index).map((c) => c.names[0]),
		dateRange: days.length ? [days[0], days[days.length - 1]] : null,
		period: dominantMonth(days)
	};
}
