/**
 * The fixtures' `*.truth.json` (every pickle of the real old-app backups as plain JSON) as the
 * pickle reader's output. Bytes, which the truth gives as {length, sha256}, are the repo fixture
 * with that SHA-256 (the old app's session ran on these very files), else filler of that length.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { sha256HexSync } from '$lib/backup/digests';
import type { LegacyContent } from './legacy.plan';

export const VERSIONS = ['1.5.3', '2.3.3', '3.0.6'] as const;
export type Version = (typeof VERSIONS)[number];

const base = (v: Version) => `tests/fixtures/backup/legacy/pilot_GREENLOG_backup_20261218_174205_pandas-${v}`;
export const zipPath = (v: Version) => `${base(v)}.zip`;

export interface Truth {
	zip_entries: { name: string; size: number }[];
	metadata_json: Json;
	pickles: Record<string, { value: Json }>;
}

export function readTruth(v: Version): Truth {
	return JSON.parse(readFileSync(`${base(v)}.truth.json`, 'utf8')) as Truth;
}

let byHash: Map<string, Uint8Array> | null = null;

/** Every fixture file of the repo (backups aside) by its SHA-256. */
function fixtures(): Map<string, Uint8Array> {
	if (byHash) return byHash;
	byHash = new Map();
	for (const dir of readdirSync('tests/fixtures').filter((d) => d !== 'backup'))
		for (const name of readdirSync(`tests/fixtures/${dir}`)) {
			const bytes = new Uint8Array(readFileSync(`tests/fixtures/${dir}/${name}`));
			byHash.set(sha256HexSync(bytes), bytes);
		}
	return byHash;
}

function bytesFor(length: number, sha: string): Uint8Array {
	const known = fixtures().get(sha);
	if (known) return known;
	const seed = sha.match(/../g)!.map((h) => parseInt(h, 16));
	return Uint8Array.from({ length }, (_, i) => seed[i % seed.length]);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const dateTime = (iso: string, kind: 'datetime' | 'date' = 'datetime') => ({
	kind,
	iso,
	ms: Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : `${iso}Z`),
	pyType: 'datetime.datetime'
});

function axis(v: { [key: string]: Json }): unknown {
	if (v.$type === 'pandas.RangeIndex') return { kind: 'range-index', ...v };
	return {
		kind: 'index',
		class: v.class,
		dtype: v.dtype,
		name: v.name,
		values: (v.values as Json[]).map(decoded)
	};
}

/** The truth's conventions (README of the fixtures) → the pickle reader's values. */
function decoded(v: Json): unknown {
	if (Array.isArray(v)) return v.map(decoded);
	if (v === null || typeof v !== 'object') return v;
	if ('$float' in v) return v.$float === 'nan' ? NaN : v.$float === 'inf' ? Infinity : -Infinity;
	switch (v.$type) {
		case undefined:
			return new Map(Object.entries(v).map(([k, x]) => [k, decoded(x)]));
		case 'dict':
			return new Map((v.items as Json[][]).map(([k, x]) => [decoded(k), decoded(x)]));
		case 'tuple':
			return (v.items as Json[]).map(decoded);
		case 'bytes':
			return bytesFor(v.length as number, v.sha256 as string);
		case 'datetime.datetime':
		case 'pandas.Timestamp':
			return dateTime(v.iso as string);
		case 'datetime.date':
			return dateTime(v.iso as string, 'date');
		case 'pandas.NaT':
			return null;
		case 'pandas.DataFrame': {
			const dtypes = v.dtypes as string[];
			const columns = v.columns as { [key: string]: Json };
			return {
				kind: 'dataframe',
				class: v.class,
				columns: (columns.values as Json[]).map(String),
				columnIndex: axis(columns),
				dtypes,
				index: axis(v.index as { [key: string]: Json }),
				rows: (v.rows as Json[][]).map((row) =>
					row.map((cell, j) =>
						dtypes[j].startsWith('datetime64') && typeof cell === 'string' ? dateTime(cell) : decoded(cell)
					)
				)
			};
		}
		default:
			if (String(v.$type).startsWith('numpy.')) return decoded(v.value);
			if (String(v.$type).startsWith('pandas.')) return axis(v);
			throw new Error(`truth: type inconnu ${v.$type}`);
	}
}

/** The content of a fixture ZIP, decoded as the worker hands it over (only the pickles `read`). */
export function truthContent(v: Version, read: readonly string[]): LegacyContent {
	const truth = readTruth(v);
	return {
		fileName: `pilot_GREENLOG_backup_20261218_174205_pandas-${v}.zip`,
		entries: truth.zip_entries.map((e) => ({ name: e.name, size: e.size })),
		pickles: Object.fromEntries(
			Object.entries(truth.pickles)
				.filter(([name]) => read.includes(name))
				.map(([name, p]) => [name, decoded(p.value)])
		),
		metadata: truth.metadata_json
	};
}
