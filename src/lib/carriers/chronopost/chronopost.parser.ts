/**
 * Chronopost invoice, as converted from PDF to XLSX: sheets "Table N", a recap block at the top,
 * then detail sections whose header ("Date", "N° d'objet", "Poids", "Montant HT"…) repeats on every
 * page; each parcel row is followed by its surcharge rows (label, amount in the amount column).
 */
import { readTable, type ColumnSpec, type TableLine } from '$lib/intake/columns';
import { PilotError } from '$lib/i18n/errors';
import type { ParseContext, ParseResult } from '$lib/intake/parse.types';
import type { Cell, RawSheet } from '$lib/intake/read';
import { normaliseTracking } from '$lib/intake/tracking';
import {
	cellText,
	dominantMonth,
	headerKey,
	isBlank,
	parseCents,
	parseDay,
	parseNumber
} from '$lib/intake/values';

/** The seven surcharge types, in the legacy's display order. */
export const SURPLUS_TYPES = [
	'Etiquette non conforme',
	'Retour expéditeur',
	'Traitement Retour expéditeur',
	"Zones Difficiles d'accès",
	'Supplément Corse',
	'Supplément hors norme',
	'Supplément manutention'
] as const;
export type SurplusType = (typeof SURPLUS_TYPES)[number];

/** The amounts the contract documents per type (cents): a different billed amount is flagged. */
export const DOCUMENTED_CENTS: Record<SurplusType, number> = {
	'Etiquette non conforme': 200,
	'Retour expéditeur': 2000,
	'Traitement Retour expéditeur': 200,
	"Zones Difficiles d'accès": 500,
	'Supplément Corse': 500,
	'Supplément hors norme': 7000,
	'Supplément manutention': 2000
};

export interface ChronoParcel {
	kind: 'envoi';
	tracking: string;
	date: string | null;
	weightKg: number | null;
	amountCents: number;
	/** Destination country as invoiced (the theoretical price uses the 3PL's). */
	country: string;
	recipient: string;
	product: string;
	obs: string;
	invoice: string;
	sheet: string;
	_line: number;
}

export interface ChronoSurcharge {
	kind: 'surplus';
	/** The parcel the surcharge row sits under. */
	tracking: string;
	date: string | null;
	type: SurplusType;
	label: string;
	amountCents: number;
	invoice: string;
	sheet: string;
	_line: number;
}

/** A billed row under a parcel whose label is none of the seven types: kept and shown, never dropped. */
export interface ChronoOther {
	kind: 'autre';
	tracking: string;
	date: string | null;
	label: string;
	amountCents: number;
	invoice: string;
	sheet: string;
	_line: number;
}

export type ChronoRow = ChronoParcel | ChronoSurcharge | ChronoOther;

const PREFIXES = ['XR', 'XA', 'XT', '2L', '6A', 'LD', 'MH'];

/** A Chronopost parcel number: an S10 code (XR123456789FR) or a legacy prefix and more than 10 characters. */
export function isChronoTracking(key: string): boolean {
	return /^[A-Z]{2}\d{9}[A-Z]{2}$/.test(key) || (key.length > 10 && PREFIXES.some((p) => key.startsWith(p)));
}

/**
 * The surcharge type of a label, accents and case aside. "TRAITEMENT RETOUR EXPEDITEUR" is tested
 * before "RETOUR EXPEDITEUR" (the legacy typed it as a 20 € return: RULINGS 8).
 */
export function classifySurcharge(label: string, amountCents: number | null = null): SurplusType | null {
	const t = headerKey(label).toUpperCase().replace(/-/g, ' ');
	if (t.includes('ETIQUETTE') && t.includes('NON CONFORME')) return 'Etiquette non conforme';
	if (t.includes('TRAITEMENT') && t.includes('RETOUR')) return 'Traitement Retour expéditeur';
	if (t.includes('RETOUR') && t.includes('EXPEDITEUR')) return 'Retour expéditeur';
	if (t.includes('ZONE') && (t.includes('DIFFICILE') || t.includes('ELOIGNE')))
		return "Zones Difficiles d'accès";
	if (t.includes('CORSE')) return 'Supplément Corse';
	const horsNorme = t.includes('HORS NORME');
	const manutention = t.includes('MANUTENTION');
	if (horsNorme && manutention) {
		// A combined label: the amount tells which one was billed (70 € hors norme, 20 € manutention).
		return amountCents !== null && amountCents > 6000 && amountCents < 8000
			? 'Supplément hors norme'
			: 'Supplément manutention';
	}
	if (horsNorme) return 'Supplément hors norme';
	if (manutention) return 'Supplément manutention';
	return null;
}

/** The detail columns, found in each section's header by detectColumns; the parser reads the raw ones. */
const CHRONO_COLUMNS = [
	{ key: 'date', names: ['Date'], type: 'raw' },
	{ key: 'tracking', names: ["N° d'objet"], type: 'raw' },
	{ key: 'weight', names: ['Poids'], type: 'raw' },
	{ key: 'amount', names: ['Montant HT'], type: 'raw' },
	{ key: 'country', names: ['Pays'], type: 'upper' },
	{ key: 'recipient', names: ['Destinataire'] },
	{ key: 'product', names: ['Produit'] },
	{ key: 'obs', names: ['Obs'] }
] as const satisfies readonly ColumnSpec[];

type Columns = Record<(typeof CHRONO_COLUMNS)[number]['key'], number>;

/** A detail header: within its first 10 cells, one reading "Date" and one containing "objet". */
function detectColumns(row: Cell[]): Columns | null {
	const keys = row.map(headerKey);
	const head = keys.slice(0, 10);
	if (!head.includes('date') || !head.some((k) => k.includes('objet'))) return null;
	const find = (test: (k: string) => boolean) => keys.findIndex((k) => k !== '' && test(k));
	const amounts = keys.flatMap((k, i) => (k.includes('montant') ? [i] : []));
	return {
		date: keys.indexOf('date'),
		tracking: find((k) => k.includes('objet')),
		weight: find((k) => k.startsWith('poids')),
		// "Montant HT" when the invoice also has a TTC column.
		amount: amounts.find((i) => /\bht\b/.test(keys[i])) ?? amounts[0] ?? -1,
		country: find((k) => k.startsWith('pays')),
		recipient: find((k) => k.startsWith('destinat')),
		product: find((k) => k.startsWith('produit')),
		obs: find((k) => k.startsWith('obs'))
	};
}

/** Sheets "Table 1", "Table 2"… in order (RULINGS 5); a workbook without them is read whole. */
function invoiceSheets(sheets: RawSheet[]): RawSheet[] {
	const tables = sheets.filter((s) => /^table\s*\d+$/i.test(s.name.trim()));
	return tables.length ? tables : sheets;
}

/** Invoice number: the "N° facture" cell of the header block, else the file name before its first "_". */
function invoiceNumber(sheets: RawSheet[], fileName: string): string {
	for (const sheet of sheets) {
		for (const row of sheet.rows.slice(0, 30)) {
			const at = row.findIndex((c) => /^n[°o]?\s*(de\s+)?facture$/.test(headerKey(c)));
			if (at < 0) continue;
			const value = row.slice(at + 1).find((c) => !isBlank(c));
			if (value !== undefined) return cellText(value);
		}
	}
	const base = fileName.replace(/\.[^.]+$/, '');
	return base.includes('_') ? base.slice(0, base.indexOf('_')) : base.slice(0, 8);
}

const SUBTOTAL = /^(sous[ -]?)?total|^page \d+|^report/;

/** The tracking of a parcel row: its column first, then the cells beside it (PDF conversions shift). */
function trackingOf(row: Cell[], col: number): string | null {
	for (const offset of [0, 1, 2, -1, -2]) {
		const i = col + offset;
		if (i < 0 || isBlank(row[i])) continue;
		const key = normaliseTracking(row[i]);
		if (isChronoTracking(key)) return key;
	}
	return null;
}

/** The recap's "Total HT" row: its last amount, or null for any other row. */
function recapTotal(row: Cell[]): number | null {
	if (!row.some((c) => headerKey(c) === 'total ht')) return null;
	const amounts = row.filter(
		(c) => typeof c === 'number' || (typeof c === 'string' && parseCents(c) !== null)
	);
	return amounts.length ? parseCents(amounts[amounts.length - 1]) : null;
}

/** What reading the detail rows carries from row to row, and from one sheet to the next. */
interface Detail {
	invoice: string;
	multiSheet: boolean;
	/** The parcel row above: surcharge rows belong to it. `rejected` when its own row could not be read. */
	parcel: { tracking: string; date: string | null; rejected?: number } | null;
	unknownLabels: { line: number; label: string; amountCents: number }[];
}

/** A detail row of a sheet: a parcel, a surcharge of the parcel above, another billed row, or nothing. */
function detailRow(detail: Detail, sheet: RawSheet) {
	const { invoice } = detail;
	return (l: TableLine<typeof CHRONO_COLUMNS>): ChronoRow | null => {
		const where = detail.multiSheet ? `${sheet.name}, ligne ${l.line}` : `ligne ${l.line}`;
		const c = l.index as Columns;
		const amount = l.at('amount');
		const amountCents = parseCents(amount);
		// A dated, priced row without a readable tracking is still a billed parcel (RULINGS 21).
		const tracking =
			trackingOf(l.raw, c.tracking) ?? (parseDay(l.at('date')) && amountCents !== null ? '' : null);

		if (tracking !== null) {
			const rawDate = l.at('date');
			const date = parseDay(rawDate);
			const rawWeight = l.at('weight');
			const weightKg = parseNumber(rawWeight);
			const problems: string[] = [];
			if (!date) problems.push(`date illisible « ${cellText(rawDate)} »`);
			if (amountCents === null) problems.push(`montant illisible « ${cellText(amount)} »`);
			if (weightKg === null && !isBlank(rawWeight))
				problems.push(`poids illisible « ${cellText(rawWeight)} »`);
			detail.parcel = { tracking, date, rejected: problems.length ? l.line : undefined };
			if (problems.length) {
				l.problems.push(`${where} (${tracking || 'sans tracking'}) : ${problems.join(', ')}`);
				return null;
			}
			return {
				kind: 'envoi',
				tracking,
				date,
				weightKg,
				amountCents: amountCents ?? 0,
				country: l.cell('country'),
				recipient: l.cell('recipient'),
				product: l.cell('product'),
				obs: l.cell('obs'),
				invoice,
				sheet: sheet.name,
				_line: l.line
			};
		}

		const label = l.raw
			.filter((cell, i) => i !== c.amount && typeof cell === 'string' && cell.trim() !== '')
			.map((cell) => String(cell).trim())
			.join(' ');
		if (!label || SUBTOTAL.test(headerKey(label))) return null;
		const type = classifySurcharge(label, amountCents);
		const { parcel } = detail;
		if (!type) {
			// Units row under the header ("kg", "EUR") carries no amount; anything else billed is reported.
			if (!amountCents) return null;
			detail.unknownLabels.push({ line: l.line, label, amountCents });
			if (!parcel || parcel.rejected) return null;
			const { tracking, date } = parcel;
			return { kind: 'autre', tracking, date, label, amountCents, invoice, sheet: sheet.name, _line: l.line };
		}
		if (!parcel) {
			l.problems.push(`${where} : supplément « ${label} » sans colis au-dessus`);
			return null;
		}
		if (parcel.rejected) {
			l.problems.push(
				`${where} : supplément « ${label} » du colis ${parcel.tracking}, dont la ligne ${parcel.rejected} est illisible`
			);
			return null;
		}
		if (amountCents === null) {
			l.problems.push(`${where} : montant illisible pour le supplément « ${label} »`);
			return null;
		}
		return {
			kind: 'surplus',
			tracking: parcel.tracking,
			date: parcel.date,
			type,
			label,
			amountCents,
			invoice,
			sheet: sheet.name,
			_line: l.line
		};
	};
}

export function parseChronopost(sheets: RawSheet[], ctx: ParseContext): ParseResult {
	const invoice = invoiceNumber(sheets, ctx.fileName);
	const detail: Detail = {
		invoice,
		multiSheet: invoiceSheets(sheets).length > 1,
		parcel: null,
		unknownLabels: []
	};
	const tables = invoiceSheets(sheets).map((sheet) => ({
		sheet,
		...readTable(sheet, CHRONO_COLUMNS, {
			fileName: ctx.fileName,
			header: detectColumns,
			row: detailRow(detail, sheet)
		})
	}));
	const sections = tables.reduce((n, t) => n + t.sections, 0);
	if (!sections) {
		throw new PilotError('missing-column', {
			file: ctx.fileName,
			sheet: invoiceSheets(sheets)
				.map((s) => s.name)
				.join(', '),
			missing: 'Date, N° objet',
			expected: 'Date, N° objet, Poids, Montant HT',
			found: 'aucun en-tête de détail des envois'
		});
	}

	const rows = tables.flatMap((t) => t.rows);
	const errors = tables.flatMap((t) => t.errors);
	// Above the first detail header is the invoice's recap block: only its "Total HT" is read, for the
	// reconciliation (RULINGS 21); the surcharges are read from the detail rows (RULINGS 8).
	const recaps = tables.flatMap(({ sheet, headerRow }) =>
		(headerRow < 0 ? sheet.rows : sheet.rows.slice(0, headerRow)).flatMap((row) => recapTotal(row) ?? [])
	);
	const fileTotal = recaps.length ? recaps.reduce((sum, cents) => sum + cents, 0) : null;
	const envois = rows.filter((r) => r.kind === 'envoi').length;
	if (!envois && !errors.length) throw new PilotError('empty-file', { file: ctx.fileName });
	const days = rows.flatMap((r) => (r.kind === 'envoi' && r.date ? [r.date] : [])).sort();
	return {
		rows: rows as unknown as Record<string, unknown>[],
		errors,
		columns: ['Date', 'Tracking', 'Poids', 'Montant HT', 'Pays', 'Type Surplus'],
		dateRange: days.length ? [days[0], days[days.length - 1]] : null,
		period: dominantMonth(days),
		meta: {
			invoice,
			sections,
			envois,
			surplus: rows.filter((r) => r.kind === 'surplus').length,
			unknownLabels: detail.unknownLabels,
			...(fileTotal === null ? {} : { fileTotal: { cents: fileTotal, label: 'récapitulatif, Total HT' } })
		}
	};
}
