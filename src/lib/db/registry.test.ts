import { describe, expect, it } from 'vitest';
import { db } from './pilot-db';
import { TABLE_REGISTRY } from './registry';

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
