/**
 * Mondial Relay returns CSV (`;`, decimal commas; BOM, UTF-8 or Windows-1252 handled by the reader):
 * one row per billed return. Fixes of the legacy: headers are found accent- and case-insensitively
 * (`Reférence client` and `Référence client`, MR-2), the surcharge column only under its own names (MR-3),
 * unreadable amounts, weights and dates are reported with their line instead of becoming 0 (MR-4), the
 * account name is trimmed (MR-5), and the weight is a number.
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
	parseCents,
	parseDay,
	parseNumber,
	sameKey
} from '$lib/intake/values';

/** A billed return as stored. */
export interface MondialRelayRow {
	_line: number;
	/** `Nom`, trimmed: the account the return is billed to (TOOPOST). */
	account: string;
	/** `Reférence client` as written (trimmed): order number, outbound tracking or colis number. */
	reference: string;
	/** `Tracking` as written (trimmed): the return's own tracking. */
	returnTracking: string;
	/** The return tracking through `normaliseTracking` (the duplicate key). */
	tracking: string;
	/** `Date PCH` (pick-up), ISO. */
	day: string | null;
	/** `Poids facturé`, kg. */
	weightKg: number | null;
	/** `Prix`. */
	priceCents: number;
	/** `Majoration de service` (0 when the column is absent or the cell blank). */
	surchargeCents: number;
	/** The file has a surcharge column (without one the surcharge is 0, and the page says so). */
	surchargeColumn: boolean;
	/** Line of an earlier row of the same file identical in every column (RULINGS 2: listed twice, one return). */
	repeatOf: number | null;
}

/** The account whose returns the module follows (the legacy's filter, case-insensitive, trimmed: MR-5). */
export const ACCOUNT = 'TOOPOST';

export function isToopost(account: string): boolean {
	return account.trim().toUpperCase() === ACCOUNT;
}

/** The surcharge column, by its own names only (the legacy also took any column called "Service" or "de"). */
export const SURCHARGE_NAMES = ['Majoration de service', 'Majoration service', 'Majoration'];

export const MONDIAL_RELAY_COLUMNS: ColumnSpec[] = [
	{ key: 'account', names: ['Nom'], required: true },
	{ key: 'reference', names: ['Référence client', 'Reference client', 'Réf client'], required: true },
	{ key: 'tracking', names: ['Tracking', 'N° tracking', 'Numéro de tracking'], required: true },
	{ key: 'day', names: ['Date PCH'] },
	{ key: 'weight', names: ['Poids facturé', 'Poids'] },
	{ key: 'price', names: ['Prix'], required: true },
	{ key: 'surcharge', names: SURCHARGE_NAMES }
];

export function parseMondialRelay(sheets: RawSheet[], ctx: ParseContext): ParseResult {
	const sheet = sheets[0];
	const { headerRow, index } = findHeader(sheet, MONDIAL_RELAY_COLUMNS, ctx.fileName);
	const rows: MondialRelayRow[] = [];
	const errors: ParseResult['errors'] = [];
	const accounts: Record<string, number> = {};
	const firstLineOf = new Map<string, number>();

	for (let r = headerRow + 1; r < sheet.rows.length; r++) {
		const raw = sheet.rows[r] ?? [];
		const line = r + 1;
		if (raw.every(isBlank)) continue;
		const at = (key: string): Cell => (key in index ? (raw[index[key]] ?? null) : null);
		const problems: string[] = [];
		/** Blank is 0 (no surcharge); anything written must be a French or English amount. */
		const cents = (key: string, label: string, required: boolean): number => {
			const v = at(key);
			if (isBlank(v)) {
				if (required) problems.push(`${label} vide`);
				return 0;
			}
			const c = parseCents(v);
			if (c === null) problems.push(`${label} illisible « ${cellText(v)} »`);
			return c ?? 0;
		};
		// A line without tracking is kept: NON ATTRIBUÉ unless its reference finds it (RULINGS 21).
		const returnTracking = cellText(at('tracking'));
		const rawDay = at('day');
		const day = parseDay(rawDay);
		if (!day && !isBlank(rawDay)) problems.push(`Date PCH illisible « ${cellText(rawDay)} »`);
		const rawWeight = at('weight');
		const weightKg = isBlank(rawWeight) ? null : parseNumber(rawWeight);
		if (weightKg === null && !isBlank(rawWeight))
			problems.push(`poids facturé illisible « ${cellText(rawWeight)} »`);
		const priceCents = cents('price', 'prix', true);
		const surchargeCents = cents('surcharge', 'majoration de service', false);
		if (problems.length) {
			errors.push({
				line,
				message: `ligne ${line} (${returnTracking || 'sans tracking'}) : ${problems.join(', ')}`
			});
			continue;
		}
		// Two lines equal in every column (case, accents, spaces aside, numbers as numbers: RULINGS 20) are
		// one return listed twice.
		const signature = raw.map(sameKey).join('\u001f');
		const repeatOf = firstLineOf.get(signature) ?? null;
		if (repeatOf === null) firstLineOf.set(signature, line);
		const account = cellText(at('account'));
		accounts[account || '(vide)'] = (accounts[account || '(vide)'] ?? 0) + 1;
		rows.push({
			_line: line,
			account,
			reference: cellText(at('reference')),
			returnTracking,
			tracking: normaliseTracking(returnTracking),
			day,
			weightKg,
			priceCents,
			surchargeCents,
			surchargeColumn: 'surcharge' in index,
			repeatOf
		});
	}

	if (!rows.length && !errors.length) throw new PilotError('empty-file', { file: ctx.fileName });
	const days = rows.flatMap((r) => (r.day ? [r.day] : [])).sort();
	return {
		rows: rows as unknown as Record<string, unknown>[],
		errors,
		columns: MONDIAL_RELAY_COLUMNS.filter((c) => c.key in index).map((c) => c.names[0]),
		dateRange: days.length ? [days[0], days[days.length - 1]] : null,
		// The most frequent month of the pick-up days (latest on a tie): the file's period.
		period: dominantMonth(days),
		meta: {
			accounts,
			surchargeColumn: 'surcharge' in index,
			repeatedLines: rows.filter((r) => r.repeatOf).length,
			/** What the module analyses (the home tile counts these): TOOPOST returns, each once. */
			returns: rows.filter((r) => r.repeatOf === null && isToopost(r.account)).length
		}
	};
}
