/** What a parser is: imported by every parser, so it depends on none of them (no import cycle). */
import type { RawSheet } from './read';

export interface ParseResult {
	rows: Record<string, unknown>[];
	/** Lines that could not be read: reported, then rejected with the file or skipped by the user's choice. */
	errors: { line: number; message: string }[];
	columns: string[];
	dateRange: [string, string] | null;
	/** Business month 'YYYY-MM' the file covers, when the format tells it. */
	period: string | null;
	meta?: Record<string, unknown>;
}

export interface ParseContext {
	fileName: string;
	/** Called now and then on long files (rows done / total). */
	onProgress?: (done: number, total: number) => void;
}

export type Parser = (sheets: RawSheet[], ctx: ParseContext) => ParseResult;
