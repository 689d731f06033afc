/**
 * Test helpers for carrier modules (Node only): fixture files parsed by the real parsers, wrapped as
 * stored datasets, and the 3PL fixtures as a lookup — so tests run the code the page runs.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DatasetRecord } from '$lib/db/records';
import type { Parser } from '$lib/intake/parse.types';
import { readFile } from '$lib/intake/read';
import { buildLookup, windowFor } from '$lib/logisticiens/threepl.lookup';
import { parseThreePL } from '$lib/logisticiens/threepl.parser';
import type { ThreePLLookup, ThreePLRow } from '$lib/logisticiens/threepl.types';
import type { InvoiceFile } from './carrier.types';

export const FIXTURES = resolve(process.cwd(), 'tests/fixtures');

let seq = 0;

/** A fixture parsed by `parser` and wrapped as a stored dataset of `slot`. */
export function fixtureFile<Row>(relPath: string, parser: Parser, slot: string): InvoiceFile<Row> {
	const fileName = relPath.split('/').pop()!;
	const bytes = new Uint8Array(readFileSync(resolve(FIXTURES, relPath)));
	const parsed = parser(readFile(bytes, fileName), { fileName });
	seq++;
	const dataset: DatasetRecord = {
		id: `test-${slot}-${seq}`,
		slot,
		fileName,
		sha256: `sha-${seq}`,
		original: new Blob([]),
		size: bytes.length,
		period: parsed.period,
		rowCount: parsed.rows.length,
		chunkCount: 1,
		columns: parsed.columns,
		importedAt: 1_700_000_000_000 + seq,
		dateRange: parsed.dateRange,
		skipped: parsed.errors.map((e) => ({ line: e.line, reason: e.message })),
		meta: { ...(parsed.meta ?? {}), errors: parsed.errors }
	};
	return { dataset, rows: parsed.rows as Row[] };
}

/** The three 3PL fixture workbooks. */
export function threePLFixtures(): InvoiceFile<ThreePLRow>[] {
	return ['LOG_2026_09.xlsx', 'LOG_2026_10.xlsx', 'LOG_2026_11.xlsx'].map((f) =>
		fixtureFile<ThreePLRow>(`3pl/${f}`, parseThreePL, '3pl')
	);
}

/** The 3PL lookup over the periods of `window` (all fixtures when omitted). */
export function threePLLookup(window?: string[]): ThreePLLookup {
	const sets = threePLFixtures().filter((s) => !window || window.includes(s.dataset.period ?? ''));
	return buildLookup(sets);
}

export { windowFor };
