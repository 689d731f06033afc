/** Reads of the Attendus tables (live queries wrap these). Writes live in attendus.service.ts. */
import { db } from '$lib/db/pilot-db';
import type { AttendusManualRecord, DatasetRecord } from '$lib/db/records';
import { datasetRows, listDatasets } from '$lib/intake/datasets.repository';
import { plural } from '$lib/i18n/format';
import type { AttendusRow } from './attendus.parser';
import { freshSummary } from '$lib/db/summaries.repository';
import { linesInForce, type DetailRow } from './attendus.logic';

export const STORE = 'attendus' as const;

export interface AttendusData {
	/** Imported CSV files, oldest first. */
	files: DatasetRecord[];
	/** The CSV lines in force (latest import wins per attendu). */
	lines: DetailRow[];
	/** Attendus of a file that a later import holds too, by dataset id. */
	superseded: Record<string, number>;
	/** Manual conditioning entries, oldest first. */
	manual: AttendusManualRecord[];
	/** Custom client names, sorted. */
	custom: string[];
}

export async function loadAttendus(): Promise<AttendusData> {
	const [files, manual, clients] = await Promise.all([
		listDatasets(STORE),
		db.attendusManual.orderBy('createdAt').toArray(),
		db.attendusClients.toArray()
	]);
	const imported = await Promise.all(
		files.map(async (f) => ({
			id: f.id,
			importedAt: f.importedAt,
			rows: await datasetRows<AttendusRow>(STORE, f.id)
		}))
	);
	const { rows, superseded } = linesInForce(imported);
	const custom = clients.map((c) => c.name).sort((a, b) => a.localeCompare(b, 'fr'));
	return { files, lines: rows, superseded, manual, custom };
}

/** What a reset would erase, named in its confirmation. */
export async function moduleCounts(): Promise<{ files: number; manual: number; clients: number }> {
	const [files, manual, clients] = await Promise.all([
		db.datasets(STORE).count(),
		db.attendusManual.count(),
		db.attendusClients.count()
	]);
	return { files, manual, clients };
}

/** What the summary's figures mean (raise it when the synthesis counts differently). */
export const SUMMARY_VERSION = 1;

/** The manual entries as the summary's basis: any entry added, edited or removed changes it. */
export function manualBasis(manual: readonly AttendusManualRecord[]): string {
	return manual
		.map((m) => `${m.id}:${m.client}:${m.attendu}:${m.paletteMulti}:${m.paletteMono}:${m.carton}`)
		.sort()
		.join('|');
}

/**
 * The home tile's line, "15 attendus · 7 palettes · 20 cartons", from the summary the page wrote when it
 * last computed the synthesis; never from the CSV rows. Files or entries changed since (a sync, a
 * restore) and the tile says what is stored until the page is opened again.
 */
export async function attendusTileSummary(): Promise<string> {
	const [files, manual] = await Promise.all([listDatasets(STORE), db.attendusManual.toArray()]);
	if (!files.length && !manual.length) return 'Aucun attendu';
	const figures = await freshSummary(STORE, SUMMARY_VERSION, files, manualBasis(manual));
	if (!figures)
		return [
			...(files.length ? [plural(files.length, 'fichier')] : []),
			...(manual.length ? [plural(manual.length, 'saisie manuelle', 'saisies manuelles')] : [])
		].join(' · ');
	if (!figures.attendus) return 'Aucun attendu';
	return [
		plural(figures.attendus, 'attendu'),
		plural(figures.palettes, 'palette'),
		plural(figures.cartons, 'carton')
	].join(' · ');
}
