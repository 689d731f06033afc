/**
 * Cell values as French files write them: decimal commas, thousands separators, day-first dates,
 * Excel serials, postcodes that lost their leading zero. Pure: Node, browser and worker.
 */
import type { Cell } from './read';

/** Header or label key: trimmed, lower-case, no accents, apostrophes/underscores as spaces, spaces collapsed. */
export function headerKey(s: unknown): string {
	return String(s ?? '')
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[’'`´_]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Text of a cell for identifiers (order numbers, names): numbers without a float artefact, trimmed. */
export function cellText(v: Cell | undefined): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'number') return Number.isInteger(v) ? integerString(v) : String(v);
	if (v instanceof Date) return parseDay(v) ?? '';
	if (typeof v === 'boolean') return v ? 'VRAI' : 'FAUX';
	return v.replace(/\u00a0|\u202f/g, ' ').trim();
}

/** An integer as plain digits, even past 1e21 where String() switches to exponent notation. */
export function integerString(n: number): string {
	return Math.abs(n) < 1e21 ? String(Math.trunc(n)) : BigInt(Math.trunc(n)).toString();
}

export function isBlank(v: Cell | undefined): boolean {
	return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * A number written the French or the English way: `1 234,50`, `1.234,50`, `1,234.50`, `1234.5`,
 * `12 €`, `-3,2`. With a single separator, a comma is decimal; dots repeated are thousands.
 */
export function parseNumber(v: Cell): number | null {
	if (typeof v === 'number') return Number.isFinite(v) ? v : null;
	if (typeof v !== 'string') return null;
	let s = v.replace(/[\s\u00a0\u202f'’€%]/g, '');
	if (!s) return null;
	let negative = false;
	if (/^\(.*\)$/.test(s)) {
		negative = true;
		s = s.slice(1, -1);
	}
	if (s.endsWith('-')) {
		negative = !negative;
		s = s.slice(0, -1);
	}
	const comma = s.lastIndexOf(',');
	const dot = s.lastIndexOf('.');
	if (comma >= 0 && dot >= 0) {
		// The last separator is the decimal one; the other is for thousands.
		s = comma > dot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
	} else if (comma >= 0) {
		s = (s.match(/,/g)?.length ?? 0) > 1 ? s.replace(/,/g, '') : s.replace(',', '.');
	} else if ((s.match(/\./g)?.length ?? 0) > 1) {
		s = s.replace(/\./g, '');
	}
	if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return null;
	const n = Number(s);
	if (!Number.isFinite(n)) return null;
	return negative ? -n : n;
}

/** A weight in whole grams from a column in grams or in kilograms (`1,5` kg → 1500). Negative or unreadable → null. */
export function parseGrams(v: Cell, unit: 'g' | 'kg'): number | null {
	const n = parseNumber(v);
	if (n === null || n < 0) return null;
	return Math.round(unit === 'kg' ? Number((n * 1000).toFixed(6)) : n);
}

/** Money as integer cents, rounded half away from zero on the decimal value written (1,005 → 101). */
export function parseCents(v: Cell): number | null {
	const n = parseNumber(v);
	if (n === null) return null;
	const cents = Math.round(Number((Math.abs(n) * 100).toFixed(6)));
	return n < 0 && cents !== 0 ? -cents : cents;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function isoDay(y: number, m: number, d: number): string | null {
	if (!Number.isInteger(y) || y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
	const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
	if (d > days) return null;
	return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Excel serial day (1900 system) → ISO day. Serial 1 is 1900-01-01; 60 is Excel's phantom 29/02/1900. */
export function excelSerialToDay(serial: number): string | null {
	if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
	const whole = Math.floor(serial);
	const ms = Date.UTC(1899, 11, 30) + (whole < 61 ? whole + 1 : whole) * 86_400_000;
	return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A day as `YYYY-MM-DD` from a Date (read in UTC, as the workbook reader produces them), an Excel serial,
 * `dd/mm/yyyy[ hh:mm[:ss]]` (also `-` or `.`, 2-digit years), ISO, or `yyyymmdd`. Unparseable → null.
 */
export function parseDay(v: Cell): string | null {
	if (v instanceof Date) {
		if (Number.isNaN(v.getTime())) return null;
		return isoDay(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
	}
	if (typeof v === 'number') {
		if (Number.isInteger(v) && v >= 10_000_101 && v <= 99_991_231) {
			return isoDay(Math.floor(v / 10_000), Math.floor(v / 100) % 100, v % 100);
		}
		return excelSerialToDay(v);
	}
	if (typeof v !== 'string') return null;
	const s = v.trim();
	let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T]+\d{1,2}[:h]\d{2}(?::\d{2}(?:[.,]\d+)?)?)?$/.exec(
		s
	);
	if (m) {
		const y = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
		return isoDay(y, Number(m[2]), Number(m[1]));
	}
	m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T].*)?$/.exec(s);
	if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
	if (/^\d{8}$/.test(s)) return parseDay(Number(s));
	if (/^\d{5}(\.\d+)?$/.test(s)) return excelSerialToDay(Number(s));
	return null;
}

const FRANCE_MONACO = new Set(['fr', 'fra', 'france', 'mc', 'mco', 'monaco']);

/**
 * A postcode as the carriers write it. France and Monaco (or no country and 4 digits, an Excel-eaten
 * leading zero) are padded to 5 digits; other countries' codes are kept as written (RULINGS 6).
 */
export function normalisePostcode(code: Cell, country?: Cell): string {
	let text = typeof code === 'number' ? integerString(code) : cellText(code);
	text = text.replace(/^(\d+)\.0+$/, '$1');
	const countryKey = headerKey(cellText(country ?? null));
	if (FRANCE_MONACO.has(countryKey)) {
		const digits = text.replace(/\s+/g, '');
		return /^\d{1,4}$/.test(digits) ? digits.padStart(5, '0') : digits;
	}
	if (!countryKey && /^\d{4}$/.test(text)) return `0${text}`;
	return text;
}

/** 'YYYY-MM' of an ISO day. */
export function monthOf(day: string): string {
	return day.slice(0, 7);
}

/** The value met most often (blank ones ignored); on a tie the later in sort order; null if none. */
export function mostFrequent(values: Iterable<string | null | undefined>): string | null {
	const counts = new Map<string, number>();
	for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
	let best: string | null = null;
	let bestN = 0;
	for (const [v, n] of counts) {
		if (n > bestN || (n === bestN && best !== null && v > best)) [best, bestN] = [v, n];
	}
	return best;
}

/** The month most days fall in (the later month on a tie): a file's or an analysis's period. */
export function dominantMonth(days: Iterable<string | null | undefined>): string | null {
	const months: string[] = [];
	for (const d of days) if (d) months.push(monthOf(d));
	return mostFrequent(months);
}

/** Past 15 digits a number is no longer exact: such digit runs (long trackings) stay text. */
const EXACT_DIGITS = 15;

/**
 * The one test of "identical" values (RULINGS 20): case, accents and spaces aside, numbers as numbers
 * (`4,40` = `4.4` = 4.4). Every duplicate, "listed twice" and grouping test compares these keys.
 */
export function sameKey(v: Cell | undefined): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'number') return Number.isFinite(v) ? `#${v}` : '';
	if (v instanceof Date) return parseDay(v) ?? '';
	if (typeof v === 'boolean') return v ? 'vrai' : 'faux';
	const text = v.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
	if (/^[-+(]?[\d\s.,]+\)?-?$/.test(text) && (text.match(/\d/g)?.length ?? 0) <= EXACT_DIGITS) {
		const n = parseNumber(text);
		if (n !== null) return `#${n}`;
	}
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase();
}

/**
 * Counts by name, names equal under `sameKey` as one (`DPD`, `dpd`, `Dpd `): each group under its most
 * frequent spelling (the first met on a tie), sorted by name.
 */
export function groupCounts(counts: Iterable<[string, number]>): [string, number][] {
	const groups = new Map<string, { total: number; spellings: Map<string, number> }>();
	for (const [name, n] of counts) {
		const key = sameKey(name);
		const group = groups.get(key) ?? { total: 0, spellings: new Map<string, number>() };
		group.total += n;
		group.spellings.set(name.trim(), (group.spellings.get(name.trim()) ?? 0) + n);
		groups.set(key, group);
	}
	return [...groups.values()]
		.map((g): [string, number] => {
			// The most frequent spelling; on a tie the first met (the sort is stable).
			const [name] = [...g.spellings].sort((a, b) => b[1] - a[1])[0];
			return [name, g.total];
		})
		.sort((a, b) => a[0].localeCompare(b[0], 'fr'));
}
