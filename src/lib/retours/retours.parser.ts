/**
 * Returns export of the WMS/OMS (dotted column names, one row per returned item line). Fixes of the legacy:
 * any separator and encoding (the reader's job) and headers found whatever their case, the missing
 * columns named in the error, unreadable dates and quantities reported with their line, order
 * numbers kept as text (never "1001.0", R-7), and each return dated by its Paris day.
 */
import { foundColumns, readTable, tableResult, type ColumnSpec } from '$lib/intake/columns';
import type { ParseContext, ParseResult } from '$lib/intake/parse.types';
import type { Cell, RawSheet } from '$lib/intake/read';
import { cellText, isBlank, parseDay, parseNumber } from '$lib/intake/values';

/** One item line of the export, as stored (every state: the page says what it leaves out). */
export interface RetourRow {
	_line: number;
	/** `id`: the return, repeated on each of its item lines. */
	id: string;
	/** `state` as written (trimmed); only 'returned', exact case, counts. */
	state: string;
	/** `resellers.name`, trimmed ('' when blank). */
	client: string;
	/** `orders.id` as text ('' when blank). */
	order: string;
	/** `createdAt` as an instant (epoch ms) when it carries a time, else null. */
	createdAt: number | null;
	/** Day of `createdAt` in Paris (ISO). */
	day: string | null;
	/** `returnOrderItems.quantity`. */
	quantity: number;
	/** `reason` (motif), '' when absent or blank. */
	reason: string;
	/** `returnOrderItems.sku`, '' when absent. */
	sku: string;
}

/** The only state the module counts (exact case, as the legacy and ANSWERS.md). */
export const RETURNED = 'returned';

export const RETOURS_COLUMNS = [
	{ key: 'id', names: ['id'], required: true },
	{ key: 'state', names: ['state'], required: true },
	{ key: 'client', names: ['resellers.name'], required: true },
	{ key: 'order', names: ['orders.id'], required: true },
	// Read by the parser: only a counted line's date and quantity must be readable.
	{ key: 'createdAt', names: ['createdAt'], required: true, type: 'raw' },
	{ key: 'quantity', names: ['returnOrderItems.quantity'], required: true, type: 'raw' },
	{ key: 'reason', names: ['reason', 'returnOrderItems.reason', 'motif'] },
	{ key: 'sku', names: ['returnOrderItems.sku', 'sku'] }
] as const satisfies readonly ColumnSpec[];

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/Paris',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** ISO day in Paris of an instant (a return created at 23:30 UTC in November is the next day in Paris). */
export function parisDay(ms: number): string {
	return PARIS_DAY.format(new Date(ms));
}

/**
 * `createdAt`: an ISO timestamp with its zone (Z or ±hh:mm) is an instant, dated in Paris; a date without a
 * zone is taken as written (already local). Unreadable → null.
 */
export function readCreatedAt(v: Cell): { at: number | null; day: string | null } {
	if (v instanceof Date) return { at: v.getTime(), day: parseDay(v) };
	const s = cellText(v);
	if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(s)) {
		const at = Date.parse(s.replace(' ', 'T'));
		if (!Number.isNaN(at)) return { at, day: parisDay(at) };
	}
	return { at: null, day: parseDay(v) };
}

export function parseRetours(sheets: RawSheet[], ctx: ParseContext): ParseResult {
	const sheet = sheets[0];
	const states: Record<string, number> = {};
	const returned = new Set<string>();
	const { rows, errors, index } = readTable(sheet, RETOURS_COLUMNS, {
		fileName: ctx.fileName,
		onProgress: ctx.onProgress,
		message: (problems, l) => `ligne ${l.line} (retour ${l.cell('id') || '?'}) : ${problems.join(', ')}`,
		row: (l): RetourRow | null => {
			const id = l.cell('id');
			const state = l.cell('state');
			const counted = state === RETURNED;
			if (!id && counted) l.problems.push('id (retour) vide');
			const created = readCreatedAt(l.at('createdAt'));
			if (!created.day && counted)
				l.problems.push(`createdAt illisible « ${cellText(l.at('createdAt')) || 'vide'} »`);
			const rawQty = l.at('quantity');
			const quantity = isBlank(rawQty) ? null : parseNumber(rawQty);
			if (counted && (quantity === null || quantity < 0 || !Number.isInteger(quantity)))
				l.problems.push(`quantité illisible « ${cellText(rawQty) || 'vide'} » (nombre entier attendu)`);
			if (l.problems.length) return null;
			states[state || '(vide)'] = (states[state || '(vide)'] ?? 0) + 1;
			if (counted) returned.add(id);
			return {
				_line: l.line,
				id,
				state,
				client: l.cell('client'),
				order: l.cell('order'),
				createdAt: created.at,
				day: created.day,
				quantity: quantity !== null && Number.isFinite(quantity) ? quantity : 0,
				reason: l.cell('reason'),
				sku: l.cell('sku')
			};
		}
	});

	const days = rows.map((row) => (row.state === RETURNED ? row.day : null));
	return {
		...tableResult(ctx.fileName, rows, errors, foundColumns(RETOURS_COLUMNS, index), days),
		meta: { states, returns: returned.size }
	};
}
