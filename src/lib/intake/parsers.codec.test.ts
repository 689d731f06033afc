/**
 * Rows are stored packed as JSON (chunk-codec), which keeps strings, finite numbers, booleans and
 * null, but not undefined, NaN, ±Infinity, -0 or Dates. Every registered parser, on every repo
 * fixture of its format (tests/fixtures/<parser id>/), must emit rows that come back unchanged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packRows, unpackRows } from '$lib/db/chunk-codec';
import { parseBytes } from './intake.core';
import { PARSERS } from './parsers';

const DATA_FILE = /\.(xlsx|xls|csv)$/i;

function fixtures(parser: string): string[] {
	try {
		return readdirSync(`tests/fixtures/${parser}`).filter((f) => DATA_FILE.test(f));
	} catch {
		return [];
	}
}

describe.each(Object.keys(PARSERS))('the %s parser', (parser) => {
	it('has a sample file in tests/fixtures/<its id>/', () => {
		expect(fixtures(parser), `tests/fixtures/${parser}/`).not.toEqual([]);
	});

	it.each(fixtures(parser))('emits rows of %s that survive packing unchanged', async (file) => {
		const bytes = new Uint8Array(readFileSync(`tests/fixtures/${parser}/${file}`));
		const { rows } = parseBytes(bytes, file, parser).result;
		expect(rows.length).toBeGreaterThan(0);
		// toStrictEqual: an undefined field, lost by JSON, fails too.
		expect(await unpackRows(await packRows(rows))).toStrictEqual(rows);
	});
});
