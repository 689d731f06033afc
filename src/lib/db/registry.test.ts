import { describe, expect, it } from 'vitest';
import { db } from './pilot-db';
import { syncedTables, TABLE_REGISTRY } from './registry';

describe('table registry', () => {
	it('describes exactly the tables of the database', () => {
		const tables = db.tables.map((t) => t.name).sort();
		expect(Object.keys(TABLE_REGISTRY).sort()).toEqual(tables);
	});

	it('excludes only the snapshot table from backups (RULINGS 15)', () => {
		const excluded = Object.entries(TABLE_REGISTRY)
			.filter(([, info]) => !info.backup)
			.map(([name]) => name);
		expect(excluded).toEqual(['snapshots']);
	});
});

describe('sync policy', () => {
	it('names a team-sync policy for every table; only facts are sent, never snapshots, rows or history', () => {
		const missing = Object.entries(TABLE_REGISTRY).filter(([, info]) => !info.sync);
		expect(missing.map(([name]) => name)).toEqual([]);
		const sent = syncedTables().map(([name]) => name);
		expect(sent).toContain('claims');
		expect(sent).toContain('logisticiensDatasets');
		expect(sent.filter((t) => /Chunks$|snapshots|backupHistory|summaries/.test(t))).toEqual([]);
	});
});
