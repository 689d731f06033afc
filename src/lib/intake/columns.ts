/** Finding a format's header row and its columns, whatever the case, accents or spacing. */
import { PilotError } from '$lib/i18n/errors';
import type { RawSheet } from './read';
import { headerKey } from './values';

export interface ColumnSpec {
	key: string;
	/** Accepted header names; compared through headerKey. */
	names: string[];
	required?: boolean;
	/** For loose headers (e.g. "contains date and expédition"); receives the headerKey of a header. */
	match?: (key: string) => boolean;
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
	specs: ColumnSpec[],
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
