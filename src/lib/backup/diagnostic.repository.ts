/**
 * "Diagnostic - Voir les données actuelles": every table of the live database (never a list),
 * with its record count, approximate size and last change.
 */
import type { Table } from 'dexie';
import { db } from '$lib/db/pilot-db';
import { TABLE_REGISTRY } from '$lib/db/registry';
import { chunkRows, holdsRows, tableUnit, type CountUnit } from '$lib/db/stats';
import { MODULES, type ModuleId } from '$lib/modules';

export interface TableDiagnostic {
	name: string;
	label: string;
	owner: ModuleId;
	count: number;
	/** What a user counts in it: its rows for a `*Chunks` table (2 000 to a record), else its records. */
	n: number;
	unit: CountUnit;
	approxBytes: number;
	/** Epoch ms of the newest record's own date (updatedAt, importedAt…), when the table has one. */
	newestRecordAt: number | null;
	backup: boolean;
}

export interface ModuleDiagnostic {
	id: ModuleId;
	label: string;
	icon: string;
	tables: TableDiagnostic[];
	count: number;
	approxBytes: number;
}

const SAMPLE = 40;
const DATE_INDEXES = ['updatedAt', 'importedAt', 'addedAt', 'createdAt'];

/** Rough in-memory size of a value: UTF-8-ish strings, 8-byte numbers, Blob and buffer sizes. */
export function estimateSize(value: unknown): number {
	if (value === null || value === undefined) return 4;
	switch (typeof value) {
		case 'string':
			return value.length + 2;
		case 'number':
		case 'bigint':
			return 8;
		case 'boolean':
			return 4;
		case 'object':
			break;
		default:
			return 0;
	}
	if (value instanceof Blob) return value.size;
	if (value instanceof ArrayBuffer) return value.byteLength;
	if (ArrayBuffer.isView(value)) return value.byteLength;
	if (value instanceof Date) return 8;
	if (Array.isArray(value)) return value.reduce((n: number, v) => n + estimateSize(v) + 1, 2);
	let size = 2;
	for (const [k, v] of Object.entries(value)) size += k.length + 3 + estimateSize(v);
	return size;
}

async function newestRecordAt(table: Table): Promise<number | null> {
	const index = DATE_INDEXES.find((name) => table.schema.indexes.some((i) => i.name === name));
	if (!index) return null;
	const last = await table.orderBy(index).last();
	const value = last?.[index];
	return typeof value === 'number' ? value : null;
}

async function diagnose(table: Table, rows: Record<string, number>): Promise<TableDiagnostic> {
	const info = TABLE_REGISTRY[table.name];
	const [count, sample, newest] = await Promise.all([
		table.count(),
		table.limit(SAMPLE).toArray(),
		newestRecordAt(table)
	]);
	const sampled = sample.reduce((n: number, r) => n + estimateSize(r), 0);
	return {
		name: table.name,
		label: info?.label ?? table.name,
		owner: info?.owner ?? 'parametres',
		count,
		n: holdsRows(table.name) ? (rows[table.name] ?? 0) : count,
		unit: tableUnit(table.name),
		approxBytes: sample.length ? Math.round((sampled / sample.length) * count) : 0,
		newestRecordAt: newest,
		backup: info?.backup ?? true
	};
}

/** Per module, in the home page's order; every table is listed, empty ones with 0. */
export async function moduleDiagnostics(): Promise<ModuleDiagnostic[]> {
	const rows = await chunkRows();
	const tables = await Promise.all(db.tables.map((t) => diagnose(t, rows)));
	return MODULES.map((m) => {
		const own = tables.filter((t) => t.owner === m.id).sort((a, b) => a.label.localeCompare(b.label, 'fr'));
		return {
			id: m.id,
			label: m.label,
			icon: m.icon,
			tables: own,
			count: own.reduce((n, t) => n + t.count, 0),
			approxBytes: own.reduce((n, t) => n + t.approxBytes, 0)
		};
	}).filter((m) => m.tables.length > 0);
}
