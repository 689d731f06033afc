/**
 * DPD Predict / Classic invoice (first sheet, RULINGS 5) → one record per billed line, amounts in cents.
 * Fixes of the legacy: French amounts are read ("7,30" was 0), unreadable cells and ID-less rows carrying
 * money (total rows) are reported instead of being silently zeroed or counted as expeditions.
 */
import { findHeader, type ColumnSpec } from '$lib/intake/columns';
import type { ParseContext, ParseResult } from '$lib/intake/parse.types';
import type { Cell, RawSheet } from '$lib/intake/read';
import { normaliseTracking } from '$lib/intake/tracking';
import {
	cellText,
	dominantMonth,
	headerKey,
	isBlank,
	normalisePostcode,
	parseCents,
	parseDay,
	parseNumber
} from '$lib/intake/values';
import { PilotError } from '$lib/i18n/errors';

/** A DPD invoice line as stored. */
export interface DpdRow {
	_line: number;
	dpdId: string;
	colis: string;
	day: string | null;
	name: string;
	city: string;
	postcode: string;
	country: string;
	weightKg: number | null;
	transportCents: number;
	supplementCents: number;
	nbRetours: number;
	retourCents: number;
	fuelCents: number;
	participationCents: number;
	clrCents: number;
}

type MoneyKey =
	'transportCents' | 'supplementCents' | 'retourCents' | 'fuelCents' | 'participationCents' | 'clrCents';

/** Money columns: record key → the invoice's header (for messages). */
const MONEY: [MoneyKey, string][] = [
	['transportCents', 'Prix transport'],
	['supplementCents', 'Supplément île et montagne'],
	['retourCents', 'Fact. Retour expédition'],
	['fuelCents', 'Indexation gasoil'],
	['participationCents', 'Participation Sureté'],
	['clrCents', 'Contribution Logistique Responsable']
];

export const DPD_COLUMNS: ColumnSpec[] = [
	{ key: 'dpdId', names: ['DPD ID'], required: true },
	{ key: 'colis', names: ['N° Colis', 'No Colis', 'Numéro de colis'] },
	{ key: 'day', names: ['Date expédition', "Date d'expédition"] },
	{ key: 'name', names: ['Nom destinataire'] },
	{ key: 'city', names: ['Ville destinataire'] },
	{ key: 'postcode', names: ['CP destinataire', 'Code postal destinataire'] },
	{ key: 'country', names: ['Code pays destinataire', 'Pays destinataire'] },
	{ key: 'weightKg', names: ['Poids (kg)', 'Poids'] },
	{ key: 'transportCents', names: ['Prix transport'], required: true },
	{
		key: 'supplementCents',
		names: ['Supplément île et montagne', 'Supplément île', 'Supplément ile et montagne']
	},
	{ key: 'nbRetours', names: ['Nombre Retour expédition', 'Nb retours'] },
	{ key: 'retourCents', names: ['Fact. Retour expédition', 'Coût retours'] },
	{ key: 'fuelCents', names: ['Indexation gasoil', 'Taxe Fuel'] },
	{ key: 'participationCents', names: ['Participation Sureté', 'Participation Sûreté'] },
	{ key: 'clrCents', names: ['Contribution Logistique Responsable'] }
];

/** An ID-less row carrying money: the file's total, a subtotal, or null for a billed line. */
function totalKind(
	row: Cell[],
	carried: number,
	above: { lines: number; cents: number }
): 'total' | 'subtotal' | null {
	const labels = row.filter((c) => typeof c === 'string').map(headerKey);
	if (labels.some((l) => /^sous ?-?total/.test(l))) return 'subtotal';
	if (labels.some((l) => l.startsWith('total'))) return 'total';
	// Unlabelled: the sum of several lines above is their total, not one more parcel.
	return above.lines > 1 && carried === above.cents ? 'total' : null;
}

export function parseDpd(sheets: RawSheet[], ctx: ParseContext): ParseResult {
	const sheet = sheets[0];
	if (!sheet)
		throw new PilotError('missing-sheet', {
			file: ctx.fileName,
			expected: 'première feuille',
			found: 'aucune'
		});
	const { headerRow, index } = findHeader(sheet, DPD_COLUMNS, ctx.fileName);
	const at = (row: Cell[], key: string): Cell => (key in index ? (row[index[key]] ?? null) : null);
	const rows: DpdRow[] = [];
	const errors: ParseResult['errors'] = [];
	const days: string[] = [];
	const total = sheet.rows.length;
	const above = { lines: 0, cents: 0 };
	let fileTotal: { cents: number; label: string } | null = null;

	for (let r = headerRow + 1; r < total; r++) {
		if (r % 5000 === 0) ctx.onProgress?.(r, total);
		const row = sheet.rows[r] ?? [];
		const line = r + 1;
		if (row.every(isBlank)) continue;
		const problems: string[] = [];
		const money = {} as Record<MoneyKey, number>;
		for (const [key, header] of MONEY) {
			const v = at(row, key);
			const cents = isBlank(v) ? 0 : parseCents(v);
			if (cents === null) problems.push(`« ${header} » illisible : « ${cellText(v)} »`);
			money[key] = cents ?? 0;
		}
		const dpdId = normaliseTracking(at(row, 'dpdId'));
		if (!dpdId && !problems.length) {
			const carried = MONEY.reduce((sum, [key]) => sum + money[key], 0);
			if (carried === 0) continue;
			// An ID-less row with money is the file's total (labelled so, or the sum of the lines above), a
			// subtotal, or a line billed without its ID — kept, NON ATTRIBUÉ « tracking absent » (RULINGS 21).
			const kind = totalKind(row, carried, above);
			if (kind === 'total') fileTotal = { cents: carried, label: `ligne de total (ligne ${line})` };
			if (kind) continue;
		}
		const rawDay = at(row, 'day');
		const day = isBlank(rawDay) ? null : parseDay(rawDay);
		if (!isBlank(rawDay) && !day) problems.push(`« Date expédition » illisible : « ${cellText(rawDay)} »`);
		const rawReturns = at(row, 'nbRetours');
		const nbRetours = isBlank(rawReturns) ? 0 : parseNumber(rawReturns);
		if (nbRetours === null)
			problems.push(`« Nombre Retour expédition » illisible : « ${cellText(rawReturns)} »`);
		if (problems.length) {
			errors.push({ line, message: problems.join(' ; ') });
			continue;
		}
		if (day) days.push(day);
		above.lines++;
		above.cents += MONEY.reduce((sum, [key]) => sum + money[key], 0);
		const country = cellText(at(row, 'country')).toUpperCase();
		rows.push({
			_line: line,
			dpdId,
			colis: cellText(at(row, 'colis')),
			day,
			name: cellText(at(row, 'name')),
			city: cellText(at(row, 'city')),
			postcode: normalisePostcode(at(row, 'postcode'), country),
			country,
			weightKg: parseNumber(at(row, 'weightKg')),
			nbRetours: nbRetours ?? 0,
			...money
		});
	}
	ctx.onProgress?.(total, total);
	days.sort();
	return {
		rows: rows as unknown as Record<string, unknown>[],
		errors,
		columns: (sheet.rows[headerRow] ?? []).map((c) => cellText(c)).filter(Boolean),
		dateRange: days.length ? [days[0], days[days.length - 1]] : null,
		period: dominantMonth(days),
		meta: { sheet: sheet.name, ...(fileTotal ? { fileTotal } : {}) }
	};
}
