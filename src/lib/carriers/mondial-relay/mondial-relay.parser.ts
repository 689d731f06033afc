/**
 * Mondial Relay returns CSV (`;`, decimal commas; BOM, UTF-8 or Windows-1252 handled by the reader):
 * one row per billed return. Fixes of the legacy: headers are found accent- and case-insensitively
 * (`Reférence client` and `Référence client`, MR-2), the surcharge column only under its own names (MR-3),
 * unreadable amounts, weights and dates are reported with their line instead of becoming 0 (MR-4), the
 * account name is trimmed (MR-5), and the weight is a number.
 */
import { foundColumns, readTable, tableResult, type ColumnSpec } from '$lib/intake/columns';
import type { ParseContext, ParseResult } from '$lib/intake/parse.types';
import type { RawSheet } from '$lib/intake/read';
import { normaliseTracking } from '$lib/intake/tracking';
import { isBlank, sameKey } from '$lib/intake/values';

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

export const MONDIAL_RELAY_COLUMNS = [
	{ key: 'account', names: ['Nom'], required: true },
	{ key: 'reference', names: ['Référence client', 'Reference client', 'Réf client'], required: true },
	{ key: 'tracking', names: ['Tracking', 'N° tracking', 'Numéro de tracking'], required: true },
	{ key: 'day', names: ['Date PCH'], type: 'day' },
	{ key: 'weight', names: ['Poids facturé', 'Poids'], type: 'number', label: 'poids facturé' },
	{ key: 'price', names: ['Prix'], required: true, type: 'cents', label: 'prix' },
	{ key: 'surcharge', names: SURCHARGE_NAMES, type: 'cents', label: 'majoration de service' }
] as const satisfies readonly ColumnSpec[];

export function parseMondialRelay(sheets: RawSheet[], ctx: ParseContext): ParseResult {
	const sheet = sheets[0];
	const accounts: Record<string, number> = {};
	const firstLineOf = new Map<string, number>();
	const { rows, errors, index } = readTable(sheet, MONDIAL_RELAY_COLUMNS, {
		fileName: ctx.fileName,
		onProgress: ctx.onProgress,
		message: (problems, l) =>
			`ligne ${l.line} (${l.cell('tracking') || 'sans tracking'}) : ${problems.join(', ')}`,
		row: (l): MondialRelayRow | null => {
			// A line without tracking is kept: NON ATTRIBUÉ unless its reference finds it (RULINGS 21).
			const returnTracking = l.cell('tracking');
			const day = l.cell('day');
			const weightKg = l.cell('weight');
			const priceCents = l.cell('price') ?? 0;
			if (isBlank(l.at('price'))) l.problems.push('prix vide');
			// Blank is 0 (no surcharge).
			const surchargeCents = l.cell('surcharge') ?? 0;
			if (l.problems.length) return null;
			// Two lines equal in every column (case, accents, spaces aside, numbers as numbers: RULINGS 20) are
			// one return listed twice.
			const signature = l.raw.map(sameKey).join('\u001f');
			const repeatOf = firstLineOf.get(signature) ?? null;
			if (repeatOf === null) firstLineOf.set(signature, l.line);
			const account = l.cell('account');
			accounts[account || '(vide)'] = (accounts[account || '(vide)'] ?? 0) + 1;
			return {
				_line: l.line,
				account,
				reference: l.cell('reference'),
				returnTracking,
				tracking: normaliseTracking(returnTracking),
				day,
				weightKg,
				priceCents,
				surchargeCents,
				surchargeColumn: 'surcharge' in l.index,
				repeatOf
			};
		}
	});

	// The pick-up days date the file; their most frequent month is its period.
	const days = rows.map((r) => r.day);
	return {
		...tableResult(ctx.fileName, rows, errors, foundColumns(MONDIAL_RELAY_COLUMNS, index), days),
		meta: {
			accounts,
			surchargeColumn: 'surcharge' in index,
			repeatedLines: rows.filter((r) => r.repeatOf).length,
			/** What the module analyses (the home tile counts these): TOOPOST returns, each once. */
			returns: rows.filter((r) => r.repeatOf === null && isToopost(r.account)).length
		}
	};
}
