import { db } from '$lib/db/pilot-db';
import { holdsRows, tableCounts, type TableCount } from '$lib/db/stats';
import type { ModuleId } from '$lib/modules';

/** Modules whose tables are the app's own bookkeeping, not business data. */
const BOOKKEEPING: ModuleId[] = ['sauvegarde', 'parametres'];

export interface HomeStats {
	/** Business modules holding at least one record, out of all business modules with tables. */
	modulesWithData: number;
	modulesTotal: number;
	/** Months covered by the loaded 3PL files. */
	threePlPeriods: number;
	/** Rows of every imported file, and those files (what a user counts, not IndexedDB records). */
	rows: number;
	files: number;
}

const total = (counts: TableCount[]) => counts.reduce((n, t) => n + t.n, 0);

/** The home page's figures, counted from the database itself (the legacy's were hard-coded or in memory). */
export async function homeStats(): Promise<HomeStats> {
	const counts = (await tableCounts()).filter((t) => !BOOKKEEPING.includes(t.owner));
	const owners = new Set(counts.map((t) => t.owner));
	const withData = new Set(counts.filter((t) => t.count > 0).map((t) => t.owner));
	const periods = await db.datasets('logisticiens').orderBy('period').uniqueKeys();
	return {
		modulesWithData: withData.size,
		modulesTotal: owners.size,
		threePlPeriods: periods.filter(Boolean).length,
		rows: total(counts.filter((t) => holdsRows(t.name))),
		files: total(counts.filter((t) => t.name.endsWith('Datasets')))
	};
}
