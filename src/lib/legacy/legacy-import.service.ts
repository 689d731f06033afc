/**
 * The import of an old-app backup, as service functions: read and decode it in a worker (nothing
 * written), then on the user's choice a safety snapshot, ONE transaction for the records (claims,
 * attendus entries and clients, the replaced modules' old data), then each original file through the
 * normal intake (hash, parse, store — as if uploaded now) with progress and cancel, then the old
 * Bibliothèque's archives re-created from those files. "Annuler l'import" is the snapshot's restore.
 */
import type { Table } from 'dexie';
import { restoreSnapshot, takeSafetySnapshot, noteSignificantChange } from '$lib/backup/snapshots.service';
import { db } from '$lib/db/pilot-db';
import type { DatasetStore } from '$lib/db/schema';
import { withWrite } from '$lib/db/write-lock';
import { errorMessage, PilotError } from '$lib/i18n/errors';
import { plural } from '$lib/i18n/format';
import { alreadyImported, parseInWorker, storeParsed } from '$lib/intake/intake.service';
import type { ModuleId } from '$lib/modules';
import { getUserName } from '$lib/settings/settings.repository';
import { activity } from '$lib/state/activity.svelte';
import { handleError, notifications, notifySuccess } from '$lib/state/notifications.svelte';
import { claimsToMerge } from './legacy.claims';
import { readLegacyInWorker } from './legacy.client';
import { buildPlan, type LegacyPlan } from './legacy.plan';
import { recreateArchives } from './legacy-archives.service';

const isCancel = (error: unknown) => error instanceof PilotError && error.code === 'cancelled';

/** Reads an old-app backup in the worker and says what it would bring; undefined (reported) on failure. */
export async function openLegacyBackup(
	file: File,
	opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}
): Promise<LegacyPlan | undefined> {
	try {
		const content = await activity.run('Lecture de la sauvegarde de l’ancienne application', () =>
			readLegacyInWorker(file, file.name, opts)
		);
		const by = (await getUserName()) || 'Utilisateur non renseigné';
		return buildPlan(content, { now: Date.now(), by });
	} catch (error) {
		if (!isCancel(error)) handleError(error, `Lecture de « ${file.name} »`);
		return undefined;
	}
}

export interface LegacyChoice {
	modules: ModuleId[];
	/** replace: the chosen modules' data is replaced; merge: added, a claim already present skipped. */
	mode: 'replace' | 'merge';
}

export interface LegacyProgress {
	done: number;
	total: number;
	/** The file being imported. */
	current: string;
}

export interface LegacyImportResult {
	/** The safety snapshot taken first: "Annuler l'import" restores it. */
	snapshotId: string;
	claims: number;
	claimsSkipped: number;
	manual: number;
	clients: number;
	files: number;
	/** Already in Pilot (same bytes): not imported twice. */
	filesPresent: string[];
	/** File → French reason. */
	filesFailed: { file: string; message: string }[];
	archives: number;
	cancelled: boolean;
}

const STORES: Partial<Record<ModuleId, DatasetStore>> = {
	logisticiens: 'logisticiens',
	dpd: 'dpd',
	chronopost: 'chronopost',
	dhl: 'dhl',
	colissimo: 'colissimo',
	'mondial-relay': 'mondialRelay',
	'colis-prive': 'colisPrive',
	retours: 'retours',
	attendus: 'attendus'
};

/** The tables a replace of these modules empties first (inside the one transaction). */
function replacedTables(modules: ModuleId[]): Table[] {
	const tables: Table[] = [];
	for (const m of modules) {
		const store = STORES[m];
		if (store) tables.push(db.datasets(store), db.chunks(store));
		if (m === 'indemnisations') tables.push(db.claims, db.claimAttachments);
		if (m === 'attendus') tables.push(db.attendusManual, db.attendusClients);
		if (m === 'bibliotheque') tables.push(db.library);
	}
	return tables;
}

/** ONE transaction: the replaced modules emptied, then the claims, entries and clients chosen. */
async function writeRecords(plan: LegacyPlan, choice: LegacyChoice) {
	const chosen = new Set(choice.modules);
	const replaced = choice.mode === 'replace' ? replacedTables(choice.modules) : [];
	const tables = [...new Set([db.claims, db.attendusManual, db.attendusClients, ...replaced])];
	return withWrite(tables, async () => {
		for (const t of replaced) await t.clear();
		const claims = chosen.has('indemnisations')
			? choice.mode === 'merge'
				? claimsToMerge(await db.claims.toArray(), plan.claims)
				: plan.claims
			: [];
		await db.claims.bulkAdd(claims);
		let manual = 0;
		let clients = 0;
		if (chosen.has('attendus')) {
			const known = new Set(await db.attendusManual.toCollection().primaryKeys());
			const entries = plan.manual.filter((m) => !known.has(m.id));
			await db.attendusManual.bulkAdd(entries);
			manual = entries.length;
			const names = new Set(await db.attendusClients.toCollection().primaryKeys());
			const added = plan.clients.filter((n) => !names.has(n));
			await db.attendusClients.bulkAdd(added.map((name) => ({ name, createdAt: Date.now() })));
			clients = added.length;
		}
		return {
			claims: claims.length,
			claimsSkipped: chosen.has('indemnisations') ? plan.claims.length - claims.length : 0,
			manual,
			clients
		};
	});
}

/** The originals to put through the intake for these modules (the attendus lines as their CSV). */
function filesFor(plan: LegacyPlan, chosen: Set<ModuleId>) {
	const files = plan.files
		.filter((f) => chosen.has(f.module))
		.map((f) => ({ ...f, blob: new Blob([f.bytes as Uint8Array<ArrayBuffer>]) }));
	if (chosen.has('attendus') && plan.attendusCsv)
		files.push({
			module: 'attendus',
			store: 'attendus',
			slot: 'csv',
			parser: 'attendus',
			fileName: plan.attendusCsv.fileName,
			bytes: new Uint8Array(),
			sha256: '',
			from: 'attendus_csv_data.pkl',
			blob: new Blob([plan.attendusCsv.text], { type: 'text/csv' })
		});
	return files;
}

/**
 * Imports what the user chose. Reports itself; returns undefined when nothing could start (the
 * snapshot failed), else what was done — also after a cancel or a file that failed.
 */
export async function importLegacy(
	plan: LegacyPlan,
	choice: LegacyChoice,
	opts: { signal?: AbortSignal; onProgress?: (p: LegacyProgress) => void } = {}
): Promise<LegacyImportResult | undefined> {
	activity.begin(`Import de « ${plan.fileName} »`);
	try {
		const snapshotId = await takeSafetySnapshot(
			`Avant l'import de « ${plan.fileName} » (ancienne application)`
		);
		const records = await writeRecords(plan, choice);
		const chosen = new Set(choice.modules);
		const files = filesFor(plan, chosen);
		const result: LegacyImportResult = {
			snapshotId,
			...records,
			files: 0,
			filesPresent: [],
			filesFailed: [],
			archives: 0,
			cancelled: false
		};
		for (const [i, f] of files.entries()) {
			if (opts.signal?.aborted) {
				result.cancelled = true;
				break;
			}
			opts.onProgress?.({ done: i, total: files.length, current: f.fileName });
			try {
				const file = new File([f.blob], f.fileName, { type: f.blob.type });
				const parsed = await parseInWorker(file, f.parser, { signal: opts.signal });
				if (await alreadyImported(f.store, parsed)) {
					result.filesPresent.push(f.fileName);
					continue;
				}
				await storeParsed(f.store, f.slot, parsed, f.blob, {
					period: f.period,
					importedAt: f.uploadedAt,
					skipBadLines: true,
					meta: { legacyImport: { backup: plan.fileName, from: f.from } }
				});
				result.files++;
			} catch (error) {
				if (isCancel(error)) {
					result.cancelled = true;
					break;
				}
				result.filesFailed.push({ file: f.fileName, message: errorMessage(error) });
			}
		}
		opts.onProgress?.({ done: files.length, total: files.length, current: '' });
		if (!result.cancelled && chosen.has('bibliotheque'))
			result.archives = await recreateArchives(plan.archives.filter((a) => a.recoverable));
		report(plan, result);
		noteSignificantChange(`Import de l'ancienne application (${plan.fileName})`);
		return result;
	} catch (error) {
		handleError(error, `Import de « ${plan.fileName} »`);
		return undefined;
	} finally {
		activity.end();
	}
}

function report(plan: LegacyPlan, r: LegacyImportResult): void {
	const parts = [
		plural(r.claims, 'indemnisation'),
		plural(r.manual, 'saisie manuelle', 'saisies manuelles'),
		plural(r.clients, 'client', 'clients'),
		plural(r.files, 'fichier'),
		plural(r.archives, 'analyse re-créée', 'analyses re-créées')
	];
	const text = `Import de « ${plan.fileName} » ${r.cancelled ? 'interrompu' : 'terminé'} : ${parts.join(', ')}.`;
	if (r.cancelled)
		notifications.push({ kind: 'info', text: `${text} « Annuler l'import » rétablit vos données d'avant.` });
	else notifySuccess(text);
}

/** "Annuler l'import": every table back as it was before the import, in one click. */
export function undoLegacyImport(snapshotId: string): Promise<boolean> {
	return restoreSnapshot(snapshotId);
}
