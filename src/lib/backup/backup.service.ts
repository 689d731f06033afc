/**
 * What the backup page does, as service functions: each catches, reports in French through
 * handleError, and returns undefined on failure. The busy flag is set while a backup or a
 * restore runs, so that the update prompt never reloads the page in the middle of one.
 */
import { db } from '$lib/db/pilot-db';
import { holdWrites } from '$lib/db/write-lock';
import { PilotError } from '$lib/i18n/errors';
import { formatDateTime, plural } from '$lib/i18n/format';
import { activity } from '$lib/state/activity.svelte';
import { handleError, notifications, notifySuccess } from '$lib/state/notifications.svelte';
import { createBackup, verifyBackupFile, type BackupProgress, type CreatedBackup } from './backup-engine';
import { applyRestore, readBackupFile, startBlobCheck } from './backup-restore';
import type { ParsedBackup } from './backup-reader';
import { backupFileName } from './backup-format';
import { restorePreview, type PreviewModule } from './backup-summary';
import { claimHistoryCount, recordBackup, restorableTables } from './backup.repository';
import { browserEnv, deliverFile, type Delivery, type DeliveryEnv } from './delivery';
import { restoreSnapshot, snapshotUnderLock } from './snapshots.service';
import { getSnapshot } from './snapshots.repository';

const isCancel = (error: unknown) => error instanceof PilotError && error.code === 'cancelled';

export interface BackupRun extends CreatedBackup {
	claimHistory: number;
}

export async function runBackup(options: {
	password?: string;
	signal?: AbortSignal;
	onProgress?: (p: BackupProgress) => void;
}): Promise<BackupRun | undefined> {
	try {
		return await activity.run('Sauvegarde en cours', async () => {
			const backup = await createBackup(db, options);
			return { ...backup, claimHistory: await claimHistoryCount() };
		});
	} catch (error) {
		if (isCancel(error))
			notifications.push({ kind: 'info', text: 'Sauvegarde annulée : rien n’a été créé.' });
		else handleError(error, 'Création de la sauvegarde');
		return undefined;
	}
}

/** Saves the file and records it in the history; 'cancelled' when the user closed the picker. */
export async function saveBackup(
	backup: { blob: Blob; fileName: string; tables: Record<string, number>; encrypted: boolean },
	env: DeliveryEnv = browserEnv()
): Promise<Delivery | 'cancelled' | undefined> {
	try {
		const delivery = await deliverFile(backup.blob, backup.fileName, env);
		if (delivery === 'cancelled') return delivery;
		await recordBackup({
			id: crypto.randomUUID(),
			createdAt: Date.now(),
			fileName: backup.fileName,
			size: backup.blob.size,
			delivery,
			tables: backup.tables,
			encrypted: backup.encrypted
		});
		return delivery;
	} catch (error) {
		handleError(error, `Enregistrement de « ${backup.fileName} »`);
		return undefined;
	}
}

export const tableRows = (backup: CreatedBackup) =>
	Object.fromEntries(Object.entries(backup.manifest.tables).map(([n, t]) => [n, t.rows]));

/** Downloads a snapshot kept in the browser as an ordinary backup file. */
export async function downloadSnapshot(id: string): Promise<Delivery | 'cancelled' | undefined> {
	const snapshot = await getSnapshot(id);
	if (!snapshot) {
		handleError(new PilotError('not-found', { what: 'Instantané' }));
		return undefined;
	}
	try {
		// A safety snapshot is verified when it is used, not when it is taken (snapshotUnderLock).
		await verifyBackupFile(db, snapshot.zip, backupFileName(new Date(snapshot.createdAt)));
	} catch (error) {
		handleError(error, 'Vérification de l’instantané');
		return undefined;
	}
	return saveBackup({
		blob: snapshot.zip,
		fileName: backupFileName(new Date(snapshot.createdAt)),
		tables: snapshot.tables,
		encrypted: false
	});
}

export interface RestorePlan {
	fileName: string;
	backup: ParsedBackup;
	modules: PreviewModule[];
	ignored: string[];
}

/** `legacy`: an old-app backup (data/*.pkl), for the legacy import ($lib/legacy). */
export type OpenResult = RestorePlan | { needsPassword: true } | { legacy: true } | undefined;

/** Unzips and verifies everything (in the worker), then compares with the data now. */
export async function openBackupFile(
	file: File,
	options: { password?: string; signal?: AbortSignal; onProgress?: (done: number, total: number) => void }
): Promise<OpenResult> {
	try {
		const backup = await activity.run('Vérification de la sauvegarde', () =>
			readBackupFile(db, file, { ...options, fileName: file.name })
		);
		const preview = restorePreview(backup.manifest, await restorableTables());
		return { fileName: file.name, backup, ...preview };
	} catch (error) {
		if (error instanceof PilotError && error.code === 'password-required') return { needsPassword: true };
		if (error instanceof PilotError && error.code === 'legacy-backup') return { legacy: true };
		if (isCancel(error)) return undefined;
		handleError(error, `Lecture de « ${file.name} »`);
		return undefined;
	}
}

/**
 * Safety snapshot, then ONE transaction writing the chosen modules; returns the snapshot id
 * for "Annuler la restauration".
 */
export async function restoreFromPlan(
	plan: RestorePlan,
	choice: { modules?: string[]; mode: 'replace' | 'merge' }
): Promise<string | undefined> {
	try {
		void startBlobCheck(plan.backup); // the file's Blobs are hashed while the snapshot is taken
		const snapshotId = await activity.run('Restauration en cours', () =>
			holdWrites(async () => {
				const id = await snapshotUnderLock(`Avant restauration de « ${plan.fileName} »`);
				await applyRestore(db, plan.backup, choice);
				return id;
			})
		);
		const rows = plan.modules
			.filter((m) => !choice.modules || choice.modules.includes(m.id))
			.reduce((n, m) => n + m.inBackup, 0);
		notifySuccess(
			`Restauration terminée : ${plural(rows, 'enregistrement')} de « ${plan.fileName} » (sauvegarde du ${formatDateTime(Date.parse(plan.backup.manifest.createdAt))}).`
		);
		return snapshotId;
	} catch (error) {
		handleError(error, `Restauration de « ${plan.fileName} »`);
		return undefined;
	}
}

export function undoRestore(snapshotId: string): Promise<boolean> {
	return restoreSnapshot(snapshotId);
}
