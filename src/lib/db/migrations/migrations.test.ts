import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { PilotDB } from '../pilot-db';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../schema';
import { MIGRATIONS } from './index';
import { expectedAfterUpgrade, parseSpec, sampleRecords } from './migration.samples';

/** The tables and their specs as they stood at `version` (later versions only list changes). */
function storesAt(version: number): Record<string, string> {
	const stores: Record<string, string> = {};
	for (const step of SCHEMA_VERSIONS.filter((s) => s.version <= version)) {
		for (const [name, spec] of Object.entries(step.stores)) {
			if (spec === null) delete stores[name];
			else stores[name] = spec;
		}
	}
	return stores;
}

function keyOf(record: object, keyPath: string | string[] | null | undefined): unknown {
	if (Array.isArray(keyPath)) return keyPath.map((p) => Dexie.getByKeyPath(record, p));
	return keyPath ? Dexie.getByKeyPath(record, keyPath) : undefined;
}

/** Blobs compared by type and content: two Blob objects are otherwise alike to `toEqual`. Bytes as bytes. */
async function comparable(value: unknown): Promise<unknown> {
	if (value instanceof Blob) return { blob: value.type, text: await value.text() };
	if (value instanceof Uint8Array) return { bytes: [...value] };
	if (Array.isArray(value)) return Promise.all(value.map(comparable));
	if (value && typeof value === 'object') {
		const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await comparable(v)]));
		return Object.fromEntries(entries);
	}
	return value;
}

let seq = 0;

describe('schema versions', () => {
	it('are listed in increasing order, each upgrade leading to a listed version', () => {
		const versions = SCHEMA_VERSIONS.map((s) => s.version);
		expect(versions).toEqual([...versions].sort((a, b) => a - b));
		expect(new Set(versions).size).toBe(versions.length);
		for (const target of Object.keys(MIGRATIONS).map(Number)) expect(versions).toContain(target);
		expect(CURRENT_SCHEMA_VERSION).toBe(versions[versions.length - 1]);
	});
});

// Every stored version, the current one included (a plain reopen), is upgraded to the current schema.
describe.each(SCHEMA_VERSIONS.map((s) => s.version))('a database left at schema version %i', (version) => {
	it('opens as PilotDB with every record kept, and findable through every index', async () => {
		const name = `migration-v${version}-${++seq}`;
		const before = storesAt(version);
		const old = new Dexie(name);
		for (const step of SCHEMA_VERSIONS.filter((s) => s.version <= version)) {
			old.version(step.version).stores(step.stores);
		}
		const written: Record<string, object[]> = {};
		await old.open();
		await old.transaction('rw', old.tables, async () => {
			for (const [table, spec] of Object.entries(before)) {
				written[table] = sampleRecords(table, spec, version);
				await old.table(table).bulkPut(written[table]);
			}
		});
		old.close();

		const db = new PilotDB(name);
		await db.open();
		try {
			expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
			const current = storesAt(CURRENT_SCHEMA_VERSION);
			expect(db.tables.map((t) => t.name).sort()).toEqual(Object.keys(current).sort());
			for (const [tableName, records] of Object.entries(written)) {
				if (!(tableName in current)) continue; // dropped on purpose by a later version
				const table = db.table(tableName);
				expect(await table.count(), tableName).toBe(records.length);
				for (const written of records) {
					// What upgrades change on purpose is spelled out per version in migration.samples.ts.
					const record = expectedAfterUpgrade(tableName, written, version, CURRENT_SCHEMA_VERSION);
					const key = keyOf(record, table.schema.primKey.keyPath);
					const stored = await table.get(key as never);
					const label = `${tableName} ${JSON.stringify(key)}`;
					// Upgrades may add fields; every field expected must be there, unchanged…
					expect(await comparable(stored), label).toMatchObject((await comparable(record)) as object);
					// …and a field an upgrade drops on purpose must be gone.
					for (const field of Object.keys(written).filter((f) => !(f in record)))
						expect(stored, label).not.toHaveProperty(field);
					for (const index of table.schema.indexes) {
						const value = keyOf(record, index.keyPath);
						if (value === undefined || value === null) continue;
						const probe = index.multi && Array.isArray(value) ? value[0] : value;
						const keys = await table
							.where(index.name)
							.equals(probe as never)
							.primaryKeys();
						expect(keys, `${tableName}.${index.name}`).toContainEqual(key);
					}
				}
			}
		} finally {
			db.close();
			await Dexie.delete(name);
		}
	});
});

describe('migration samples', () => {
	it('fill the primary key of every table of every version', () => {
		for (const { version } of SCHEMA_VERSIONS) {
			for (const [table, spec] of Object.entries(storesAt(version))) {
				const { primKey } = parseSpec(spec);
				for (const record of sampleRecords(table, spec, version)) {
					const paths = primKey.startsWith('[') ? primKey.slice(1, -1).split('+') : [primKey];
					for (const path of paths)
						expect(Dexie.getByKeyPath(record, path), `${table}.${path}`).toBeDefined();
				}
			}
		}
	});
});
