import type { ModuleId } from '$lib/modules';
import { db } from './pilot-db';
import { TABLE_REGISTRY } from './registry';

export interface TableCount {
	name: string;
	label: string;
	owner: ModuleId;
	count: number;
}

/** Record counts of every table (or one module's), read from `db.tables`, never from a list. */
export async function tableCounts(owner?: ModuleId): Promise<TableCount[]> {
	const tables = db.tables.filter((t) => !owner || TABLE_REGISTRY[t.name]?.owner === owner);
	return Promise.all(
		tables.map(async (t) => {
			const info = TABLE_REGISTRY[t.name];
			return {
				name: t.name,
				label: info?.label ?? t.name,
				owner: info?.owner ?? 'parametres',
				count: await t.count()
			};
		})
	);
}

/** Whether any table holds a record: the moment the data becomes worth protecting from eviction. */
export async function hasAnyRecord(): Promise<boolean> {
	for (const table of db.tables) {
		if ((await table.limit(1).count()) > 0) return true;
	}
	return false;
}
