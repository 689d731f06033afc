/**
 * DPD Predict / Classic invoice (first sheet, RULINGS 5) → one record per billed line, amounts in cents.
 * Fixes of the legacy: French amounts are read ("7,30" was 0), unreadable cells and ID-less rows carrying
 * money (total rows) are reported instead of being silently zeroed or counted as expeditions.
 */
import { quotedUnreadable, readTable, type ColumnSpec } from '$lib/intake/columns';
import type { ParseContext, ParseResult } from '$lib/intake/parse.types';
import type { Cell, RawSheet } from '$lib/intake/read';
import { cellText, dominantMonth, headerKey, parseNumber } from '$lib/intake/values';
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

/** Money columns, in the order their problems are reported; blank is 0. */
const MONEY = [
	'transportCents',
	'supplementCents',
	'retourCents',
	'fuelCents',
	'participationCents',
	'clrCents'
] as const;
type MoneyKey = (typeof MONEY)[number];

export const DPD_COLUMNS = [
	{ key: 'dpdId', names: ['DPD ID'], required: true, type: 'tracking' },
	{ key: 'colis', names: ['N° Colis', 'No Colis', 'Numéro de colis'] },
	{ key: 'day', names: ['Date expédition', "Date d'expédition"], type: 'day' },
	{ key: 'name', names: ['Nom destinataire'] },
	{ key: 'city', names: ['Ville destinataire'] },
	{
		key: 'postcode',
		names: ['CP destinataire', 'Code postal destinataire'],
		type: 'postcode',
		country: 'country'
	},
	{ key: 'country', names: ['Code pays destinataire', 'Pays destinataire'], type: 'upper' },
	// Read as the legacy did: an unreadable weight is no weight.
	{ key: 'weightKg', names: ['Poids (kg)', 'Poids'], type: 'raw' },
	{ key: 'transportCents', names: ['Prix transport'], required: true, type: 'cents' },
	{
		key: 'supplementCents',
		names: ['Supplément île et montagne', 'Supplément île', 'Supplément ile et montagne'],
		type: 'cents'
	},
	{ key: 'nbRetours', names: ['Nombre Retour expédition', 'Nb retours'], type: 'number' },
	{ key: 'retourCents', names: ['Fact. Retour expédition', 'Coût retours'], type: 'cents' },
	{ key: 'fuelCents', names: ['Indexation gasoil', 'Taxe Fuel'], type: 'cents' },
	{
		key: 'participationCents',
		names: ['Participation Sureté', 'Participation Sûreté'],
		type: 'cents'
	},
	{ key: 'clrCents', names: ['Contribution Logistique Responsable'], type: 'cents' }
] as const satisfies readonly ColumnSpec[];

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
	const above = { lines: 0, cents: 0 };
	let fileTotal: { cents: number; label: string } | null = null;
	const table = readTable(sheet, DPD_COLUMNS, {
		fileName: ctx.fileName,
		onProgress: ctx.onProgress,
		unreadable: quotedUnreadable,
		row: (l): DpdRow | null => {
			const money = {} as Record<MoneyKey, number>;
			for (const key of MONEY) money[key] = l.cell(key) ?? 0;
			const carried = MONEY.reduce((sum, key) => sum + money[key], 0);
			const dpdId = l.cell('dpdId');
			if (!dpdId && !l.problems.length) {
				if (carried === 0) return null;
				// An ID-less row with money is the file's total (labelled so, or the sum of the lines above), a
				// subtotal, or a line billed without its ID — kept, NON ATTRIBUÉ « tracking absent » (RULINGS 21).
				const kind = totalKind(l.raw, carried, above);
				if (kind === 'total') fileTotal = { cents: carried, label: `ligne de total (ligne ${l.line})` };
				if (kind) return null;
			}
			const day = l.cell('day');
			const nbRetours = l.cell('nbRetours');
			if (l.problems.length) return null;
			above.lines++;
			above.cents += carried;
			return {
				_line: l.line,
				dpdId,
				colis: l.cell('colis'),
				day,
				name: l.cell('name'),
				city: l.cell('city'),
				postcode: l.cell('postcode'),
				country: l.cell('country'),
				weightKg: parseNumber(l.at('weightKg')),
				nbRetours: nbRetours ?? 0,
				...money
			};
		}
	});
	const days = table.rows.flatMap((r) => (r.day ? [r.day] : [])).sort();
	return {
		rows: table.rows as unknown as Record<string, unknown>[],
		errors: table.errors,
		columns: (sheet.rows[table.headerRow] ?? []).map((c) => cellText(c)).filter(Boolean),
		dateRange: days.length ? [days[0], days[days.length - 1]] : null,
		period: dominantMonth(days),
		meta: { sheet: sheet.name, ...(fileTotal ? { fileTotal } : {}) }
	};
}
