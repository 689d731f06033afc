import { plural } from '$lib/i18n/format';
import type { ModuleId } from '$lib/modules';
import { db } from './pilot-db';
import { TABLE_REGISTRY } from './registry';

/** What a user counts in a table, singular then plural: files, rows, claims — never "records". */
export type CountUnit = readonly [string, string];

const UNITS: Record<string, CountUnit> = {
	library: ['analyse archivée', 'analyses archivées'],
	claims: ['indemnisation', 'indemnisations'],
	claimAttachments: ['justificatif', 'justificatifs'],
	attendusManual: ['saisie manuelle', 'saisies manuelles'],
	attendusClients: ['client personnalisé', 'clients personnalisés'],
	settings: ['paramètre', 'paramètres'],
	backupHistory: ['sauvegarde', 'sauvegardes'],
	snapshots: ['instantané', 'instantanés'],
	summaries: ['résumé', 'résumés']
};
const FILE: CountUnit = ['fichier', 'fichiers'];
const ROW: CountUnit = ['ligne', 'lignes'];

/** `*Chunks` tables hold a file's rows 2 000 to a record: what a user counts there is rows. */
export const holdsRows = (table: string) => table.endsWith('Chunks');

export function tableUnit(table: string): CountUnit {
	if (table.endsWith('Datasets')) return FILE;
	if (holdsRows(table)) return ROW;
	return UNITS[table] ?? ['enregistrement', 'enregistrements'];
}

export interface UserCount {
	n: number;
	unit: CountUnit;
}

/** "1 169 lignes", "2 justificatifs", "0 fichier". */
export function countText(c: UserCount): string {
	return plural(c.n, c.unit[0], c.unit[1]);
}

/** "3 fichiers, 1 169 lignes, 2 indemnisations": same units added up, zeros left out, in order met. */
export function describeCounts(counts: readonly UserCount[]): string {
	const sums = new Map<string, UserCount>();
	for (const c of counts) {
		const sum = sums.get(c.unit[0]);
		if (sum) sum.n += c.n;
		else sums.set(c.unit[0], { n: c.n, unit: c.unit });
	}
	return [...sums.values()]
		.filter((c) => c.n > 0)
		.map(countText)
		.join(', ');
}

export interface TableCount extends UserCount {
	name: string;
	label: string;
	owner: ModuleId;
	/** IndexedDB records (a chunk record holds up to 2 000 rows): technical, for the diagnostic. */
	count: number;
}

/** Rows held by each `*Chunks` table, from its files' own counts (reading the packed rows would cost). */
export async function chunkRows(): Promise<Record<string, number>> {
	const rows: Record<string, number> = {};
	for (const t of db.tables.filter((t) => holdsRows(t.name))) {
		const files = db.table(t.name.replace(/Chunks$/, 'Datasets'));
		let n = 0;
		await files.each((d: { rowCount?: number }) => (n += d.rowCount ?? 0));
		rows[t.name] = n;
	}
	return rows;
}

/** Counts of every table (or one module's), read from `db.tables`, never from a list. */
export async function tableCounts(owner?: ModuleId): Promise<TableCount[]> {
	const tables = db.tables.filter((t) => !owner || TABLE_REGISTRY[t.name]?.owner === owner);
	const rows = await chunkRows();
	return Promise.all(
		tables.map(async (t) => {
			const info = TABLE_REGISTRY[t.name];
			const count = await t.count();
			return {
				name: t.name,
				label: info?.label ?? t.name,
				owner: info?.owner ?? 'parametres',
				count,
				n: holdsRows(t.name) ? (rows[t.name] ?? 0) : count,
				unit: tableUnit(t.name)
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
