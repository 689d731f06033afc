/**
 * Bytes → raw grids. CSV (any common encoding, `;` `,` or tab) through papaparse, XLSX/XLS through
 * SheetJS. Pure and synchronous: runs in Node, the browser and the intake worker.
 */
import Papa from 'papaparse';
import { read as readWorkbook, utils } from '@e965/xlsx';
import { PilotError } from '$lib/i18n/errors';

export type Cell = string | number | boolean | Date | null;
/** A raw grid, header row(s) included; `rows[i]` is the file's line (or Excel row) `i + 1`. */
export interface RawSheet {
	name: string;
	rows: Cell[][];
}

export const CSV_EXTENSIONS = ['csv', 'txt'];
export const WORKBOOK_EXTENSIONS = ['xlsx', 'xls', 'xlsm'];

export function extensionOf(fileName: string): string {
	const dot = fileName.lastIndexOf('.');
	return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/**
 * Text of a file: BOMs stripped (UTF-8, UTF-16), UTF-8 when the bytes are valid UTF-8,
 * Windows-1252 (a superset of Latin-1 as browsers decode it) otherwise.
 */
export function decodeText(bytes: Uint8Array): string {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return new TextDecoder('utf-8').decode(bytes.subarray(3));
	}
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return decodeWindows1252(bytes);
	}
}

/** 0x80–0x9F of Windows-1252 (€, œ, ’…); Node's TextDecoder reads them as Latin-1 controls. */
const CP1252_HIGH =
	'\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
	'\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
	const parts: string[] = [];
	const step = 8192;
	for (let i = 0; i < bytes.length; i += step) {
		const codes = Array.from(bytes.subarray(i, i + step), (b) =>
			b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b
		);
		parts.push(String.fromCharCode(...codes));
	}
	return parts.join('');
}

/** The separator of the first non-empty line, counted outside quotes: `;` `,` or tab. */
export function detectDelimiter(text: string): string {
	const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
	const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
	let quoted = false;
	for (const ch of firstLine) {
		if (ch === '"') quoted = !quoted;
		else if (!quoted && ch in counts) counts[ch]++;
	}
	const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
	return best[1] > 0 ? best[0] : ';';
}

export function readCsv(text: string): RawSheet {
	const parsed = Papa.parse<string[]>(text, { delimiter: detectDelimiter(text), skipEmptyLines: false });
	const rows: Cell[][] = parsed.data.map((r) => r.map((c) => (c === '' ? null : c)));
	// papaparse yields one empty row for the final newline; it is not a line of the file.
	while (rows.length && rows[rows.length - 1].every((c) => c === null)) rows.pop();
	return { name: 'csv', rows };
}

function readSheets(bytes: Uint8Array, fileName: string): RawSheet[] {
	let wb;
	try {
		wb = readWorkbook(bytes, { type: 'array', cellDates: true, cellHTML: false, cellText: false });
	} catch (err) {
		// SheetJS speaks English and has hundreds of messages: the user is told what they can act on.
		const reason = /password/i.test(String(err)) ? 'password' : 'damaged';
		throw new PilotError('unreadable-file', { file: fileName, reason, cause: String(err) });
	}
	return wb.SheetNames.map((name) => {
		const ws = wb.Sheets[name];
		// UTC: a date cell is a calendar day; local midnight in Paris is the day before in UTC.
		const grid = utils.sheet_to_json<Cell[]>(ws, {
			header: 1,
			raw: true,
			defval: null,
			blankrows: true,
			UTC: true
		});
		// Keep row numbers true to Excel's even when the used range does not start at A1.
		const top = ws['!ref'] ? utils.decode_range(ws['!ref']).s.r : 0;
		const rows: Cell[][] = top ? [...Array.from({ length: top }, () => []), ...grid] : grid;
		return { name, rows };
	});
}

const ZIP = [0x50, 0x4b, 0x03, 0x04]; // .xlsx, .xlsm
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // .xls (and password-protected .xlsx)
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** Text rather than binary: no NUL, and control characters (other than tab and line breaks) under 1 %. */
export function looksLikeText(text: string): boolean {
	const head = text.slice(0, 64 * 1024);
	let control = 0;
	for (let i = 0; i < head.length; i++) {
		const c = head.charCodeAt(i);
		if (c === 0) return false;
		if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f || c === 0xfffd) control++;
	}
	return control <= head.length / 100;
}

/** A plausible table: one of the first lines splits into two or more non-empty fields. */
function hasDelimitedLine(sheet: RawSheet): boolean {
	return sheet.rows
		.slice(0, 40)
		.some((r) => r.filter((c) => c !== null && String(c).trim() !== '').length >= 2);
}

/**
 * CSV → one sheet named 'csv'; XLSX/XLS → every sheet, in workbook order. An empty file, or bytes that are
 * neither a workbook (by its first bytes) nor delimited text, are refused here: SheetJS would read random
 * bytes as a text sheet « Sheet1 » whose garbage the parsers would then list as column names.
 */
export function readFile(bytes: Uint8Array, fileName: string): RawSheet[] {
	const ext = extensionOf(fileName);
	const csv = CSV_EXTENSIONS.includes(ext);
	if (!csv && !WORKBOOK_EXTENSIONS.includes(ext))
		throw new PilotError('unsupported-format', { file: fileName, expected: '.csv, .xlsx, .xls' });
	if (bytes.length === 0) throw new PilotError('empty-file', { file: fileName, bytes: 0 });
	if (!csv && (startsWith(bytes, ZIP) || startsWith(bytes, OLE))) return readSheets(bytes, fileName);
	// Text: a CSV, or a "workbook" that is text (portals export HTML or tab-separated text named .xls).
	const text = decodeText(bytes);
	if (!text.trim()) throw new PilotError('empty-file', { file: fileName });
	const notSpreadsheet = new PilotError('unreadable-file', { file: fileName, reason: 'not-spreadsheet' });
	if (!looksLikeText(text)) throw notSpreadsheet;
	// An HTML or XML table goes to SheetJS; delimited text to our CSV reader, which decodes UTF-8 (SheetJS
	// reads a text .xls as Latin-1: « OrlÃ©ans »).
	const markup = /^\s*</.test(text);
	const sheets = !csv && markup ? readSheets(bytes, fileName) : [readCsv(text)];
	if (!sheets.some(hasDelimitedLine)) throw notSpreadsheet;
	return sheets;
}
