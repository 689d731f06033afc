/**
 * Reading a format's table: its header row and columns found whatever the case, accents or spacing, then
 * the one loop over its lines (readTable), each cell read as its column's type. Pure.
 */
import { PilotError } from '$lib/i18n/errors';
import type { Cell, RawSheet } from './read';
import { normaliseTracking } from './tracking';
import {
	cellText,
	dominantMonth,
	headerKey,
	isBlank,
	normalisePostcode,
	parseCents,
	parseDay,
	parseNumber
} from './values';
import type { ParseResult } from './parse.types';

/**
 * How a cell reads. Text types give '' for a blank cell: `text` (cellText), `upper` (upper-cased), `tracking`
 * (normaliseTracking), `postcode` (normalisePostcode, with the line's `country` column). Value types give null
 * for a blank cell and report an unreadable one: `cents` (parseCents), `number` (parseNumber), `day` (ISO).
 * `raw` is the cell as read, for the parser's own rules.
 */
export type CellType = 'text' | 'upper' | 'tracking' | 'postcode' | 'cents' | 'number' | 'day' | 'raw';

export interface ColumnSpec {
	readonly key: string;
	/** Accepted header names; compared through headerKey. */
	readonly names: readonly string[];
	readonly required?: boolean;
	/** For loose headers (e.g. "contains date and expédition"); receives the headerKey of a header. */
	readonly match?: (key: string) => boolean;
	/** Default 'text'. */
	readonly type?: CellType;
	/** The column in messages; default its first name. */
	readonly label?: string;
	/** For a `postcode`: the key of the country column (France and Monaco codes are padded to 5 digits). */
	readonly country?: string;
}

const SCAN_ROWS = 40;

function columnOf(headers: string[], spec: ColumnSpec): number {
	const wanted = spec.names.map(headerKey);
	const exact = headers.findIndex((h) => h !== '' && wanted.includes(h));
	if (exact >= 0 || !spec.match) return exact;
	return headers.findIndex((h) => h !== '' && spec.match!(h));
}

/**
 * The header row (0-based) among the first rows and each found column's index. Throws 'missing-column'
 * naming the file, the expected and the found columns when a required one is absent.
 */
export function findHeader(
	sheet: RawSheet,
	specs: readonly ColumnSpec[],
	fileName: string
): { headerRow: number; index: Record<string, number> } {
	let best = { headerRow: -1, index: {} as Record<string, number>, score: -1, required: -1 };
	const limit = Math.min(sheet.rows.length, SCAN_ROWS);
	for (let r = 0; r < limit; r++) {
		const headers = (sheet.rows[r] ?? []).map(headerKey);
		const index: Record<string, number> = {};
		let required = 0;
		for (const spec of specs) {
			const col = columnOf(headers, spec);
			if (col < 0) continue;
			index[spec.key] = col;
			if (spec.required) required++;
		}
		const score = Object.keys(index).length;
		if (required > best.required || (required === best.required && score > best.score)) {
			best = { headerRow: r, index, score, required };
		}
	}
	const missing = specs.filter((s) => s.required && !(s.key in best.index));
	if (missing.length || best.headerRow < 0) {
		const found = (sheet.rows[Math.max(best.headerRow, 0)] ?? [])
			.filter((c) => c !== null && String(c).trim() !== '')
			.map((c) => String(c).trim());
		// Each column once: specs may share a name (two keys read from « Date »), headers may repeat.
		const list = (names: string[]) => [...new Set(names)].join(', ');
		throw new PilotError('missing-column', {
			file: fileName,
			sheet: sheet.name,
			missing: list(missing.map((s) => s.names[0])),
			expected: list(specs.filter((s) => s.required).map((s) => s.names[0])),
			found: list(found) || 'aucune'
		});
	}
	return { headerRow: best.headerRow, index: best.index };
}

/** The sheet with this name (compared through headerKey), or 'missing-sheet' naming what was found. */
export function requireSheet(sheets: RawSheet[], name: string, fileName: string): RawSheet {
	const sheet = sheets.find((s) => headerKey(s.name) === headerKey(name));
	if (sheet) return sheet;
	throw new PilotError('missing-sheet', {
		file: fileName,
		expected: name,
		found: sheets.map((s) => s.name).join(', ') || 'aucune'
	});
}

type KeyOf<C extends readonly ColumnSpec[]> = C[number]['key'];
type SpecOf<C extends readonly ColumnSpec[], K> = C[number] extends infer S
	? S extends { key: infer X }
		? K extends X
			? S
			: never
		: never
	: never;
/** What `cell(key)` gives for a column spec (declared `as const`): see CellType. */
export type CellValue<S> = S extends { type: 'cents' | 'number' }
	? number | null
	: S extends { type: 'day' }
		? string | null
		: S extends { type: 'raw' }
			? Cell
			: string;

/** One line of the table, as the parser's `row` sees it. Valid during that call only (it is reused). */
export interface TableLine<C extends readonly ColumnSpec[]> {
	/** The file's line, 1-based. */
	line: number;
	raw: Cell[];
	/** The columns of the header above this line (key → 0-based index), found ones only. */
	index: Record<string, number>;
	/** Why the line cannot be read: unreadable cells as they are read, and whatever the parser adds. */
	problems: string[];
	/** The cell under a column, as written (null when the file lacks the column). */
	at(key: KeyOf<C>): Cell;
	/** The cell under a column, read as its type; an unreadable one is added to `problems` (and is null). */
	cell<K extends KeyOf<C>>(key: K): CellValue<SpecOf<C, K>>;
}

export interface TableRead<C extends readonly ColumnSpec[], Row> {
	fileName: string;
	onProgress?: (done: number, total: number) => void;
	/**
	 * The record of a non-blank line, or null to leave the line out (a total row, another line type). A line
	 * with problems is rejected either way: its message goes to `errors`, its record is not kept.
	 */
	row: (line: TableLine<C>) => Row | null;
	/** The problem of an unreadable cell; default `<column> illisible « <value> »`. */
	unreadable?: (column: string, value: string) => string;
	/** The error message of a rejected line; default its problems joined by « ; ». */
	message?: (problems: string[], line: TableLine<C>) => string;
	/**
	 * For a table whose header repeats (a PDF conversion's pages): the columns when a row is a header, else
	 * null. Each header starts a section read with its columns; rows above the first are not read.
	 * Without it the header is found among the first rows (findHeader, 'missing-column' when required
	 * columns lack).
	 */
	header?: (row: Cell[]) => Record<string, number> | null;
}

export interface Table<Row> {
	rows: Row[];
	/** One per rejected line, naming its unreadable columns and values. */
	errors: { line: number; message: string }[];
	/** 0-based; with `header`, the first header's row (-1 when none). */
	headerRow: number;
	/** key → 0-based column; with `header`, the last section's. */
	index: Record<string, number>;
	/** Blank rows below the header, left out. */
	blankRows: number;
	/** Headers read: 1 without `header`. */
	sections: number;
}

const PROGRESS_STEP = 5000;

const defaultUnreadable = (column: string, value: string) => `${column} illisible « ${value} »`;
/** The unreadable-cell problem of the formats that quote the column too (DPD, Colissimo). */
export const quotedUnreadable = (column: string, value: string) => `« ${column} » illisible : « ${value} »`;
const defaultMessage = (problems: string[]) => problems.join(' ; ');

/**
 * The one loop over a table's lines: header, blank rows left out, each cell read as its column's type,
 * unreadable cells reported with their line, column and value (returned, never thrown), progress every
 * 5 000 rows. The parser keeps only its own rules in `row`.
 */
export function readTable<C extends readonly ColumnSpec[], Row>(
	sheet: RawSheet,
	columns: C,
	read: TableRead<C, Row>
): Table<Row> {
	const specs = new Map<string, ColumnSpec>(columns.map((s) => [s.key, s]));
	const unreadable = read.unreadable ?? defaultUnreadable;
	const message = read.message ?? defaultMessage;
	const found = read.header
		? { headerRow: -1, index: {} as Record<string, number> }
		: findHeader(sheet, columns, read.fileName);
	const table: Table<Row> = { rows: [], errors: [], ...found, blankRows: 0, sections: read.header ? 0 : 1 };

	const at = (key: string): Cell => (key in line.index ? (line.raw[line.index[key]] ?? null) : null);
	const value = (key: string, parse: (v: Cell) => number | string | null) => {
		const v = at(key);
		if (isBlank(v)) return null;
		const parsed = parse(v);
		if (parsed === null) {
			const spec = specs.get(key)!;
			line.problems.push(unreadable(spec.label ?? spec.names[0], cellText(v)));
		}
		return parsed;
	};
	const cell = (key: string): Cell => {
		const spec = specs.get(key);
		switch (spec?.type ?? 'text') {
			case 'upper':
				return cellText(at(key)).toUpperCase();
			case 'tracking':
				return normaliseTracking(at(key));
			case 'postcode':
				return normalisePostcode(at(key), spec?.country ? at(spec.country) : undefined);
			case 'cents':
				return value(key, parseCents);
			case 'number':
				return value(key, parseNumber);
			case 'day':
				return value(key, parseDay);
			case 'raw':
				return at(key);
			default:
				return cellText(at(key));
		}
	};
	const line = { line: 0, raw: [] as Cell[], index: found.index, problems: [] as string[], at, cell };
	const view = line as TableLine<C>;

	const total = sheet.rows.length;
	for (let r = read.header ? 0 : found.headerRow + 1; r < total; r++) {
		if (r % PROGRESS_STEP === 0) read.onProgress?.(r, total);
		const raw = sheet.rows[r] ?? [];
		const header = read.header?.(raw);
		if (header) {
			line.index = table.index = header;
			if (!table.sections++) table.headerRow = r;
			continue;
		}
		if (table.headerRow < 0) continue;
		if (raw.every(isBlank)) {
			table.blankRows++;
			continue;
		}
		line.line = r + 1;
		line.raw = raw;
		line.problems = [];
		const record = read.row(view);
		if (line.problems.length) table.errors.push({ line: line.line, message: message(line.problems, view) });
		else if (record !== null) table.rows.push(record);
	}
	read.onProgress?.(total, total);
	return table;
}

/** The first name of each column found: what the import summary lists. */
export function foundColumns(specs: readonly ColumnSpec[], index: Record<string, number>): string[] {
	return specs.filter((c) => c.key in index).map((c) => c.names[0]);
}

/**
 * The result every table parser ends with: a file with no line and no error is refused ('empty-file'),
 * its dates span `days` and its period is their most frequent month (latest on a tie).
 */
export function tableResult(
	fileName: string,
	rows: object[],
	errors: ParseResult['errors'],
	columns: string[],
	days: (string | null)[]
): ParseResult {
	if (!rows.length && !errors.length) throw new PilotError('empty-file', { file: fileName });
	const sorted = days.filter((d): d is string => !!d).sort();
	return {
		rows: rows as Record<string, unknown>[],
		errors,
		columns,
		dateRange: sorted.length ? [sorted[0], sorted[sorted.length - 1]] : null,
		period: dominantMonth(sorted)
	};
}
