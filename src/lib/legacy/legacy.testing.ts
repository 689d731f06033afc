/**
 * The fixtures' `*.truth.json` (every pickle of the real old-app backups as plain JSON) as the
 * pickle reader's output: bytes, which the truth gives as {length, sha256}, become a Uint8Array of
 * that length (the same content for the same SHA-256, so duplicates stay duplicates).
 */
import { readFileSync } from 'node:fs';
import type { LegacyContent } from './legacy.plan';
import type { Plain } from './legacy.values';

export const VERSIONS = ['1.5.3', '2.3.3', '3.0.6'] as const;
export type Version = (typeof VERSIONS)[number];

const base = (v: Version) => `tests/fixtures/backup/legacy/pilot_GREENLOG_backup_20261218_174205_pandas-${v}`;
export const zipPath = (v: Version) => `${base(v)}.zip`;

export interface Truth {
	zip_entries: { name: string; size: number }[];
	metadata_json: Plain;
	pickles: Record<string, { value: Plain }>;
}

export function readTruth(v: Version): Truth {
	return JSON.parse(readFileSync(`${base(v)}.truth.json`, 'utf8')) as Truth;
}

function bytesFor(length: number, sha: string): Uint8Array {
	const seed = sha.match(/../g)!.map((h) => parseInt(h, 16));
	return Uint8Array.from({ length }, (_, i) => seed[i % seed.length]);
}

function decoded(v: Plain): Plain {
	if (Array.isArray(v)) return v.map(decoded);
	if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
		if (v.$type === 'bytes') return bytesFor(v.length as number, v.sha256 as string);
		return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decoded(x)]));
	}
	return v;
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
