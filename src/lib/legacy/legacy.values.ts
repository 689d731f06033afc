/**
 * Readers of the old app's pickles as the pickle reader gives them back (`pickle/types.ts`): dicts as
 * Maps, datetimes as `{kind, iso, ms}`, bytes as Uint8Array (DataFrames: `pickle`'s isDataFrame and
 * dataFrameRecords). Pure, tolerant of what pandas 1.5, 2.x and 3.x wrote for the same thing.
 */

interface DateTime {
	kind: 'datetime' | 'date';
	iso: string;
	ms: number;
}

const isDateTime = (v: unknown): v is DateTime =>
	typeof v === 'object' &&
	v !== null &&
	((v as DateTime).kind === 'datetime' || (v as DateTime).kind === 'date');

/** A Python dict's entries with text keys (other keys are not the old app's). */
export function entriesOf(v: unknown): [string, unknown][] {
	return v instanceof Map ? [...v].filter((e): e is [string, unknown] => typeof e[0] === 'string') : [];
}

/** `dict[key]`, undefined when `v` is no dict or lacks it. */
export function field(v: unknown, key: string): unknown {
	return v instanceof Map ? v.get(key) : undefined;
}

export const isDict = (v: unknown): v is Map<unknown, unknown> => v instanceof Map;

/** The value of a cell: NaN, NaT and None are null; datetimes their ISO text; bigints numbers. */
export function scalar(v: unknown): string | number | boolean | null {
	if (typeof v === 'number') return Number.isFinite(v) ? v : null;
	if (typeof v === 'bigint') return Number(v);
	if (typeof v === 'string' || typeof v === 'boolean') return v;
	if (isDateTime(v)) return v.iso;
	return null;
}

/** Text of a cell, trimmed; nothing (None, NaN, NaT) → ''. */
export function text(v: unknown): string {
	const s = scalar(v);
	return s === null ? '' : String(s).trim();
}

export function numberOf(v: unknown): number | null {
	const s = scalar(v);
	if (typeof s === 'number') return s;
	if (typeof s === 'string' && s.trim() !== '') {
		const n = Number(s.replace(',', '.'));
		return Number.isFinite(n) ? n : null;
	}
	return null;
}

/**
 * Epoch ms of a naive datetime the old app wrote (Streamlit Cloud runs in UTC: read as UTC), from a
 * datetime or its ISO text; null when it is none.
 */
export function instantOf(v: unknown): number | null {
	if (isDateTime(v)) return Number.isFinite(v.ms) ? v.ms : null;
	if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v)) return null;
	const iso = /[zZ]|[+-]\d{2}:?\d{2}$/.test(v) ? v : `${v.length === 10 ? `${v}T00:00:00` : v}Z`;
	const at = Date.parse(iso);
	return Number.isNaN(at) ? null : at;
}

export function bytesOf(v: unknown): Uint8Array | null {
	return v instanceof Uint8Array ? v : null;
}
