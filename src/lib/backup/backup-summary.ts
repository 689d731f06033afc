/**
 * Plain views of a backup for the page: "Détail de la sauvegarde" (what each module saved) and
 * the restore preview (records in the backup vs now). Pure functions over manifests and counts.
 */
import { MODULES, type ModuleId } from '$lib/modules';
import type { Manifest } from './backup-format';

export interface TableLine {
	name: string;
	label: string;
	rows: number;
	bytes: number;
}

export interface ModuleDetail {
	id: string;
	label: string;
	icon: string;
	rows: number;
	bytes: number;
	tables: TableLine[];
}

function moduleMeta(id: string): { label: string; icon: string; order: number } {
	const index = MODULES.findIndex((m) => m.id === id);
	const m = MODULES[index];
	return m
		? { label: m.label, icon: m.icon, order: index }
		: { label: id, icon: '📁', order: MODULES.length };
}

/** Tables grouped by owner module, modules in the home page's order. */
export function backupDetail(manifest: Manifest): ModuleDetail[] {
	const byModule = new Map<string, ModuleDetail>();
	for (const [name, t] of Object.entries(manifest.tables)) {
		const meta = moduleMeta(t.owner);
		const detail = byModule.get(t.owner) ?? { id: t.owner, ...meta, rows: 0, bytes: 0, tables: [] };
		detail.tables.push({ name, label: t.label, rows: t.rows, bytes: t.bytes + t.blobBytes });
		detail.rows += t.rows;
		detail.bytes += t.bytes + t.blobBytes;
		byModule.set(t.owner, detail);
	}
	return [...byModule.values()].sort((a, b) => moduleMeta(a.id).order - moduleMeta(b.id).order);
}

export interface PreviewTable {
	name: string;
	label: string;
	inBackup: number;
	now: number;
}

export interface PreviewModule {
	id: ModuleId;
	label: string;
	icon: string;
	inBackup: number;
	now: number;
	tables: PreviewTable[];
}

/**
 * Per module: records in the backup vs in the browser now. `current` lists the tables the
 * restore can write (name → owner, label, count), read from the live database.
 */
export function restorePreview(
	manifest: Manifest,
	current: Record<string, { owner: string; label: string; count: number }>
): { modules: PreviewModule[]; ignored: string[] } {
	const modules = new Map<string, PreviewModule>();
	for (const [name, t] of Object.entries(current)) {
		const meta = moduleMeta(t.owner);
		const m = modules.get(t.owner) ?? {
			id: t.owner as ModuleId,
			label: meta.label,
			icon: meta.icon,
			inBackup: 0,
			now: 0,
			tables: []
		};
		const inBackup = manifest.tables[name]?.rows ?? 0;
		m.tables.push({ name, label: t.label, inBackup, now: t.count });
		m.inBackup += inBackup;
		m.now += t.count;
		modules.set(t.owner, m);
	}
	const ignored = Object.keys(manifest.tables).filter((name) => !(name in current));
	const list = [...modules.values()].sort((a, b) => moduleMeta(a.id).order - moduleMeta(b.id).order);
	return { modules: list, ignored };
}
