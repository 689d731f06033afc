/**
 * Property: for any database — every backed-up table of the registry, filled with unicode,
 * empty and huge strings, dates, -0/NaN/±Infinity and large numbers, bigints, nested objects,
 * keys that look like our type tags, typed arrays, Maps, Sets and Blobs — backup, wipe and
 * restore give back exactly the same records.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Dexie, { type Table } from 'dexie';
import { PilotDB } from '$lib/db/pilot-db';
import { TABLE_REGISTRY } from '$lib/db/registry';
import { createBackup } from './backup-engine';
import { applyRestore, readBackupFile } from './backup-restore';

const RUNS = Number(process.env.BACKUP_PROPERTY_RUNS ?? 1000);
const db = new PilotDB(`property-${Math.random()}`);
const tables = Object.entries(TABLE_REGISTRY)
	.filter(([, info]) => info.backup)
	.map(([name]) => db.table(name));

afterAll(async () => {
	db.close();
	await Dexie.delete(db.name);
});

const key = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 12 }),
	fc.constantFrom('$', '__proto__', 'toString', '')
);

const huge = fc.nat({ max: 2 }).map((n) => 'é'.repeat(50_000 + n));

const ordinary = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 20 }),
	fc.string({ unit: 'grapheme', maxLength: 8 }),
	fc.constantFrom('', 'Indemnisation n° 1 — 10,00 €', '=1+2', '\u0000\n\r"\\'),
	fc.double(),
	fc.constantFrom(-0, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, 2 ** 60, Number.MIN_VALUE),
	fc.integer(),
	fc.bigInt(),
	fc.boolean(),
	fc.constant(null),
	fc.constant(undefined),
	fc.date({ noInvalidDate: true }),
	fc.uint8Array({ maxLength: 16 }),
	fc.uint8Array({ maxLength: 16 }).map((a) => a.buffer),
	fc.float64Array({ maxLength: 4 }),
	fc
		.tuple(fc.string({ maxLength: 30 }), fc.constantFrom('text/csv', '', 'application/pdf'))
		.map(([text, type]) => new Blob([text], { type }))
);

/** Now and then a huge string, not so often that each run slows down. */
const leaf = fc.oneof({ arbitrary: huge, weight: 1 }, { arbitrary: ordinary, weight: 40 });

const value = fc.letrec((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		leaf,
		tie('array'),
		tie('object'),
		tie('map')
	),
	array: fc.array(tie('value'), { maxLength: 3 }),
	object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
	map: fc.oneof(
		fc.array(fc.tuple(fc.string({ maxLength: 4 }), tie('value')), { maxLength: 2 }).map((e) => new Map(e)),
		fc.array(fc.integer(), { maxLength: 3 }).map((e) => new Set(e))
	)
})).value;

/** Records for one table: primary keys made valid and unique from its schema. */
function recordsFor(table: Table) {
	const keyPath = table.schema.primKey.keyPath!;
	const paths = Array.isArray(keyPath) ? keyPath : [keyPath];
	return fc
		.uniqueArray(fc.tuple(fc.string({ unit: 'binary', maxLength: 8 }), fc.integer()), {
			maxLength: 3,
			selector: ([s, n]) => (paths.length > 1 ? `${s}\u0001${n}` : s)
		})
		.chain((keys) =>
			fc.tuple(...keys.map(() => fc.dictionary(key, value, { maxKeys: 4 }))).map((bodies) =>
				bodies.map((body, i) => {
					const record: Record<string, unknown> = { ...body };
					paths.forEach((path, p) => {
						Object.defineProperty(record, path, {
							value: p === 0 ? keys[i][0] : keys[i][1],
							enumerable: true,
							writable: true,
							configurable: true
						});
					});
					return record;
				})
			)
		);
}

const database = fc.tuple(...tables.map((t) => fc.oneof(fc.constant([]), recordsFor(t))));

/** Blobs compare by content and type (toStrictEqual sees every Blob as equal). */
async function comparable(value: unknown): Promise<unknown> {
	if (value instanceof Blob) return { blob: new Uint8Array(await value.arrayBuffer()), type: value.type };
	if (Array.isArray(value)) return Promise.all(value.map(comparable));
	if (value instanceof Map)
		return new Map(await Promise.all([...value].map(async ([k, v]) => [k, await comparable(v)] as const)));
	if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
		const out: Record<string, unknown> = {};
		for (const k of Object.keys(value)) {
			Object.defineProperty(out, k, {
				value: await comparable((value as Record<string, unknown>)[k]),
				enumerable: true,
				writable: true,
				configurable: true
			});
		}
		return out;
	}
	return value;
}

async function snapshot(): Promise<unknown> {
	return comparable(await Promise.all(tables.map((t) => t.toArray())));
}

describe('backup → wipe → restore', () => {
	it(`gives back every backed-up table exactly (${RUNS} generated databases)`, async () => {
		expect(tables.length).toBeGreaterThan(20);
		await fc.assert(
			fc.asyncProperty(database, async (contents) => {
				await db.transaction('rw', tables, async () => {
					for (const [i, table] of tables.entries()) {
						await table.clear();
						await table.bulkAdd(contents[i]);
					}
				});
				const before = await snapshot();
				const backup = await createBackup(db, { verify: false, worker: false });
				await db.transaction('rw', tables, () => Promise.all(tables.map((t) => t.clear())));
				await applyRestore(db, await readBackupFile(db, backup.blob, { worker: false }));
				expect(await snapshot()).toStrictEqual(before);
			}),
			{ numRuns: RUNS }
		);
	}, 600_000);
});
