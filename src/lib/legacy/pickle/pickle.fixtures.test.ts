/**
 * Every pickle of the old app's real backups (pandas 1.5.3, 2.3.3, 3.0.6) decodes to its *.truth.json,
 * field by field. The truth writes values in its own JSON conventions (see its "conventions"); `asTruth`
 * spells our values the same way. Two documented differences are normalised on the truth's side only:
 * numpy scalars are plain numbers here, and None/NaN/NaT cells of a DataFrame or Index are all null.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inspectLegacyPickle, type LegacyAxis, type LegacyValue } from './index';

const DIR = 'tests/fixtures/backup/legacy';
const VERSIONS = ['1.5.3', '2.3.3', '3.0.6'];
const base = (v: string) => `${DIR}/pilot_GREENLOG_backup_20261218_174205_pandas-${v}`;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function asTruth(value: LegacyValue): Json {
	if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
	if (typeof value === 'number') {
		if (Number.isNaN(value)) return { $float: 'nan' };
		if (!Number.isFinite(value)) return { $float: value > 0 ? 'inf' : '-inf' };
		return value;
	}
	if (typeof value === 'bigint') return Number(value);
	if (value instanceof Uint8Array)
		return { $type: 'bytes', length: value.length, sha256: createHash('sha256').update(value).digest('hex') };
	if (Array.isArray(value)) return value.map(asTruth);
	if (value instanceof Map) {
		const entries = [...value];
		if (entries.every(([k]) => typeof k === 'string'))
			return Object.fromEntries(entries.map(([k, v]) => [k as string, asTruth(v)]));
		return { $type: 'dict', items: entries.map(([k, v]) => [asTruth(k), asTruth(v)]) };
	}
	switch (value.kind) {
		case 'datetime':
		case 'date':
			return { $type: value.pyType, iso: value.iso };
		case 'dataframe':
			return {
				$type: 'pandas.DataFrame',
				class: value.class,
				shape: [value.rows.length, value.columns.length],
				columns: axisAsTruth(value.columnIndex),
				dtypes: value.dtypes,
				index: axisAsTruth(value.index),
				rows: value.rows.map((row) => row.map((cell, j) => cellAsTruth(cell, value.dtypes[j])))
			};
		case 'range-index':
		case 'index':
			return axisAsTruth(value);
		case 'ndarray':
			throw new Error('no bare ndarray in the fixtures');
	}
}

/** datetime64 cells are ISO strings in the truth; any other cell is reduced like a value. */
function cellAsTruth(cell: LegacyValue, dtype: string): Json {
	if (dtype.startsWith('datetime64') && cell !== null && typeof cell === 'object' && 'iso' in cell)
		return cell.iso;
	return asTruth(cell);
}

function axisAsTruth(axis: LegacyAxis): Json {
	if (axis.kind === 'range-index') {
		const { start, stop, step } = axis;
		return { $type: 'pandas.RangeIndex', start, stop, step, name: asTruth(axis.name) };
	}
	return {
		$type: `pandas.${axis.class.split('.').pop()}`,
		class: axis.class,
		dtype: axis.dtype,
		name: asTruth(axis.name),
		values: axis.values.map((v) => cellAsTruth(v, axis.dtype))
	};
}

const isMissing = (cell: Json) =>
	cell !== null &&
	typeof cell === 'object' &&
	!Array.isArray(cell) &&
	(cell.$float === 'nan' || cell.$type === 'pandas.NaT');

/** The truth with numpy scalars as their value, and missing cells (DataFrame rows, Index values) as null. */
function normalise(truth: Json): Json {
	if (Array.isArray(truth)) return truth.map(normalise);
	if (truth === null || typeof truth !== 'object') return truth;
	const type = String(truth.$type);
	if (type.startsWith('numpy.') && 'value' in truth) return normalise(truth.value);
	const out = Object.fromEntries(Object.entries(truth).map(([k, v]) => [k, normalise(v)]));
	const cell = (c: Json) => (isMissing(c) ? null : normalise(c));
	if (type === 'pandas.DataFrame') out.rows = (truth.rows as Json[][]).map((row) => row.map(cell));
	if (type.startsWith('pandas.') && Array.isArray(truth.values)) out.values = truth.values.map(cell);
	return out;
}

describe.each(VERSIONS)('legacy backup, pandas %s', (version) => {
	const entries = unzipSync(new Uint8Array(readFileSync(`${base(version)}.zip`)));
	const truth = JSON.parse(readFileSync(`${base(version)}.truth.json`, 'utf8')) as {
		pickles: Record<string, { protocol: number; globals: string[]; python_type: string; value: Json }>;
	};
	const names = Object.keys(truth.pickles);

	it('has a truth for every pickle of the ZIP', () => {
		expect(
			Object.keys(entries)
				.filter((n) => n.endsWith('.pkl'))
				.sort()
		).toEqual([...names].sort());
	});

	it.each(names)('%s matches its truth', (name) => {
		const expected = truth.pickles[name];
		const pickle = inspectLegacyPickle(entries[name], name);
		expect(pickle.protocol).toBe(expected.protocol);
		expect(pickle.globals).toEqual(expected.globals);
		expect(pickle.value).toBeInstanceOf(Map);
		expect(asTruth(pickle.value)).toEqual(normalise(expected.value));
	});
});
