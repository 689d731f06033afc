/**
 * Received-lines CSV of the WMS (`resellers.name, source_ref, supply_capsule_items.source_ref,
 * supply_capsule_items.received_quantity`, any separator or encoding): one row per SKU line of an
 * attendu. Fixes of the legacy (§3.7): every line is kept, received or not, with its expected quantity
 * when the file has one; unreadable quantities and truncated decimals are reported with their line
 * instead of vanishing; client and attendu are trimmed text (A-2, a numeric `source_ref` stays "125").
 */
import { foundColumns, readTable, type ColumnSpec } from '$lib/intake/columns';
import type { ParseContext, ParseResult } from '$lib/intake/parse.types';
import type { Cell, RawSheet } from '$lib/intake/read';
import { cellText, isBlank, parseNumber } from '$lib/intake/values';

/** A SKU line of an attendu, as stored. */
export interface AttendusRow {
	_line: number;
	/** `resellers.name`, trimmed (matched upper-cased, see attendus.logic); NON ATTRIBUÉ when blank. */
	client: string;
	/** `source_ref`, as text. */
	attendu: string;
	/** `supply_capsule_items.source_ref`. */
	sku: string;
	/** Received units, whole (decimals truncated, as the legacy; blank or unreadable → 0, reported). */
	quantite: number;
	/** `supply_capsule_items.expected_quantity` when the file has it. */
	attendue: number | null;
}

/** A line read with a remark (not an error: the line is kept). */
export interface AttendusNote {
	line: number;
	message: string;
}

/** The client of a line whose `resellers.name` is blank (the legacy's filters crashed on it, A-6). */
export const NON_ATTRIBUE = 'NON ATTRIBUÉ';

export const ATTENDUS_COLUMNS = [
	{ key: 'client', names: ['resellers.name'], required: true },
	{ key: 'attendu', names: ['source_ref'], required: true },
	{ key: 'sku', names: ['supply_capsule_items.source_ref'], required: true },
	// Whole units, read by `units` (an unreadable quantity is a remark, the line is kept).
	{ key: 'quantite', names: ['supply_capsule_items.received_quantity'], required: true, type: 'raw' },
	{ key: 'attendue', names: ['supply_capsule_items.expected_quantity'], type: 'raw' }
] as const satisfies readonly ColumnSpec[];

/** Whole units: 2.7 → 2 (legacy truncation, kept by ANSWERS.md), with a remark when a decimal was cut. */
function units(v: Cell, label: string, line: number, notes: AttendusNote[]): number | null {
	if (isBlank(v)) return null;
	const n = parseNumber(v);
	if (n === null || n < 0) {
		notes.push({ line, message: `ligne ${line} : ${label} illisible « ${cellText(v)} », comptée 0` });
		return 0;
	}
	const whole = Math.trunc(n);
	if (whole !== n)
		notes.push({ line, message: `ligne ${line} : ${label} décimale « ${cellText(v)} » ramenée à ${whole}` });
	return whole;
}

export function parseAttendus(sheets: RawSheet[], ctx: ParseContext): ParseResult {
	const sheet = sheets[0];
	const notes: AttendusNote[] = [];
	const { rows, errors, index } = readTable(sheet, ATTENDUS_COLUMNS, {
		fileName: ctx.fileName,
		onProgress: ctx.onProgress,
		message: (problems, l) => `ligne ${l.line} : ${problems.join(' ; ')}`,
		row: (l): AttendusRow | null => {
			const { line } = l;
			const attendu = l.cell('attendu');
			const sku = l.cell('sku');
			const missing = [attendu ? '' : 'attendu (source_ref)', sku ? '' : 'SKU'].filter(Boolean);
			if (missing.length) {
				l.problems.push(`${missing.join(', ')} vide`);
				return null;
			}
			// A line without client is kept under the app's one label for it (RULINGS 1), never dropped.
			let client = l.cell('client');
			if (!client) {
				client = NON_ATTRIBUE;
				notes.push({ line, message: `ligne ${line} : client vide, classé « ${NON_ATTRIBUE} »` });
			}
			return {
				_line: line,
				client,
				attendu,
				sku,
				quantite: units(l.at('quantite'), 'quantité reçue', line, notes) ?? 0,
				attendue: 'attendue' in l.index ? units(l.at('attendue'), 'quantité attendue', line, notes) : null
			};
		}
	});
	const keys = new Set(rows.map((row) => `${row.client.toUpperCase()}\u001f${row.attendu.toUpperCase()}`));
	return {
		rows: rows as unknown as Record<string, unknown>[],
		errors,
		columns: foundColumns(ATTENDUS_COLUMNS, index),
		dateRange: null,
		period: null,
		meta: {
			attendus: keys.size,
			received: rows.filter((row) => row.quantite > 0).length,
			notes: notes.map((n) => ({ line: n.line, message: n.message }))
		}
	};
}
