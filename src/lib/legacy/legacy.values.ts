/**
 * The old app's pickles as the pickle reader gives them back: plain JSON-like data (the conventions of
 * the fixtures' `*.truth.json`), DataFrames as columns + rows, bytes as Uint8Array. Readers of those
 * values, pure, tolerant of what pandas 1.5, 2.x and 3.x wrote for the same thing.
 */

export type Plain = null | boolean | number | string | Uint8Array | Plain[] | { [key: string]: Plain };

export interface LegacyIndex {
	$type: string;
	values?: Plain[];
	start?: number;
	stop?: number;
	step?: number;
}

export interface LegacyFrame {
	$type: 'pandas.DataFrame';
	columns: LegacyIndex;
	dtypes: string[];
	index: LegacyIndex;
	rows: Plain[][];
}

export type PlainObject = { [key: string]: Plain };

export function isObject(v: Plain | undefined): v is PlainObject {
	return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

export function isFrame(v: Plain | undefined): v is PlainObject & LegacyFrame {
	return isObject(v) && v.$type === 'pandas.DataFrame' && Array.isArray(v.rows);
}

/** A DataFrame's rows as objects keyed by column name (column order kept). */
export function frameRecords(frame: LegacyFrame): Record<string, Plain>[] {
	const names = (frame.columns.values ?? []).map((c) => String(scalar(c) ?? ''));
	return frame.rows.map((row) => Object.fromEntries(names.map((name, i) => [name, row[i] ?? null])));
}

/**
 * The value under a typed wrapper: numpy scalars ({$type: 'numpy.float64', value}), datetimes and
 * Timestamps (their ISO text); NaN, NaT and None are null.
 */
export function scalar(v: Plain | undefined): string | number | boolean | null {
	if (v === undefined || v === null) return null;
	if (typeof v === 'number') return Number.isFinite(v) ? v : null;
	if (typeof v === 'string' || typeof v === 'boolean') return v;
	if (!isObject(v)) return null;
	if ('$float' in v) return null;
	if (typeof v.iso === 'string') return v.iso;
	if ('value' in v) return scalar(v.value);
	return null;
}

/** Text of a cell, trimmed; nothing (None, NaN, NaT) → ''. */
export function text(v: Plain | undefined): string {
	const s = scalar(v);
	if (s === null) return '';
	return String(s).trim();
}

export function numberOf(v: Plain | undefined): number | null {
	const s = scalar(v);
	if (typeof s === 'number') return s;
	if (typeof s === 'string' && s.trim() !== '') {
		const n = Number(s.replace(',', '.'));
		return Number.isFinite(n) ? n : null;
	}
	return null;
}

/**
 * Epoch ms of a naive datetime the old app wrote (Streamlit Cloud runs in UTC: read as UTC);
 * null when it is none.
 */
export function instantOf(v: Plain | undefined): number | null {
	const s = scalar(v);
	if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(s)) return null;
	const iso = /[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? s : `${s.length === 10 ? `${s}T00:00:00` : s}Z`;
	const at = Date.parse(iso);
	return Number.isNaN(at) ? null : at;
}

export function bytesOf(v: Plain | undefined): Uint8Array | null {
	return v instanceof Uint8Array ? v : null;
}
