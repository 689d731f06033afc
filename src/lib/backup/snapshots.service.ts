/**
 * Safety and automatic snapshots: full backups kept in the browser (table `snapshots`, never
 * itself backed up). Other modules call `takeSafetySnapshot` before any write that replaces
 * data, and `noteSignificantChange` after imports, new or deleted claims.
 */
import { db } from '$lib/db/pilot-db';
import { holdWrites } from '$lib/db/write-lock';
import type { SnapshotRecord } from '$lib/db/records';
import { PilotError } from '$lib/i18n/errors';
import { formatDateTime } from '$lib/i18n/format';
import { activity } from '$lib/state/activity.svelte';
import { handleError, notifySuccess } from '$lib/state/notifications.svelte';
import { createBackup } from './backup-engine';
import { applyRestore, readBackupFile, startBlobCheck } from './backup-restore';
import { latestDataChange } from './change-tracker.svelte';
import { snapshotRoom } from './snapshot-room.svelte';
import { deleteSnapshot, getSnapshot, lastSnapshotAt, storeSnapshot } from './snapshots.repository';

/**
 * Snapshot while the caller already holds the write lock (restore flow). A safety snapshot, taken
 * before a destructive write, is verified when it is used (undo, download: every checksum is
 * checked then), not here: the user waits for it before every restore.
 */
export async function snapshotUnderLock(
	reason: string,
	kind: SnapshotRecord['kind'] = 'safety'
): Promise<string> {
	const backup = await createBackup(db, { lock: false, verify: kind !== 'safety' });
	try {
		const id = await storeSnapshot(backup, reason, kind);
		snapshotRoom.forget();
		return id;
	} catch (error) {
		if (isNoRoom(error)) snapshotRoom.noteFull(latestDataChange());
		throw error;
	}
}

const isNoRoom = (error: unknown) => error instanceof PilotError && error.code === 'snapshot-no-room';

/**
 * Backs up every table into a snapshot and returns its id; throws if it cannot (then do not go
 * on with the write). Never call it from inside `withWrite` (it waits for writes to finish).
 */
export async function takeSafetySnapshot(reason: string): Promise<string> {
	return holdWrites(() => snapshotUnderLock(reason, 'safety'));
}

export interface RestoreSnapshotOptions {
	/** Only these modules' tables (an undo of a module reset); all tables when absent. */
	modules?: string[];
}

/**
 * Brings back a snapshot's data (after a safety snapshot of the current data, so this too can
 * be undone). Reports success or failure itself; returns whether it worked.
 */
export async function restoreSnapshot(id: string, options: RestoreSnapshotOptions = {}): Promise<boolean> {
	try {
		const snapshot = await getSnapshot(id);
		if (!snapshot) throw new PilotError('not-found', { what: 'Instantané' });
		const label = `l'instantané du ${formatDateTime(snapshot.createdAt)}`;
		// Busy: the update prompt must not reload the page in the middle of it.
		const undoId = await activity.run('Restauration en cours', async () => {
			const parsed = await readBackupFile(db, snapshot.zip, {
				fileName: `instantané ${formatDateTime(snapshot.createdAt)}`
			});
			void startBlobCheck(parsed); // alongside the snapshot of the data now
			return holdWrites(async () => {
				const before = await snapshotUnderLock(`Avant retour à ${label}`);
				await applyRestore(db, parsed, { modules: options.modules });
				return before;
			});
		});
		notifySuccess(`Données rétablies depuis ${label}.`, {
			label: 'Annuler',
			run: async () => {
				await restoreSnapshot(undoId, options);
			}
		});
		return true;
	} catch (error) {
		handleError(error, "Retour à l'instantané");
		return false;
	}
}

/**
 * Deletes one snapshot, the user's way to make room on a full disk (every other deletion takes a
 * safety snapshot first, which a full disk refuses). Reports itself; returns whether it worked.
 */
export async function removeSnapshot(id: string): Promise<boolean> {
	try {
		await deleteSnapshot(id);
		// Room was made: the next automatic snapshot is worth trying.
		snapshotRoom.forget();
		notifySuccess('Instantané supprimé.');
		return true;
	} catch (error) {
		handleError(error, "Suppression de l'instantané");
		return false;
	}
}

const DEBOUNCE_MS = 4000;
const DAY_MS = 24 * 3600 * 1000;
let timer: ReturnType<typeof setTimeout> | null = null;
const reasons = new Set<string>();

/** Schedules an automatic snapshot a few seconds after a significant change (debounced). */
export function noteSignificantChange(reason: string): void {
	reasons.add(reason);
	if (timer) clearTimeout(timer);
	timer = setTimeout(() => {
		timer = null;
		const why = [...reasons].join(' ; ');
		reasons.clear();
		void takeAutoSnapshot(why);
	}, DEBOUNCE_MS);
}

async function takeAutoSnapshot(reason: string): Promise<string | undefined> {
	// Told once per state of the data: a full disk is not reported again until the data changes.
	const told = !snapshotRoom.worthTrying(latestDataChange());
	try {
		return await holdWrites(() => snapshotUnderLock(reason, 'auto'));
	} catch (error) {
		if (isNoRoom(error) && told) console.warn('Instantané automatique', error);
		else handleError(error, 'Instantané automatique');
		return undefined;
	}
}

/** At least one snapshot a day while the app is used: call on start and now and then. */
export async function ensureDailySnapshot(now = Date.now()): Promise<string | undefined> {
	const last = await lastSnapshotAt();
	if (last !== null && now - last < DAY_MS) return undefined;
	// The disk was full for this very data: each page load would only fail and say it again.
	if (!snapshotRoom.worthTrying(latestDataChange())) return undefined;
	const hasData = await Promise.all(
		db.tables.filter((t) => t.name !== 'snapshots').map((t) => t.count())
	).then((counts) => counts.some((n) => n > 0));
	if (!hasData) return undefined;
	return takeAutoSnapshot('Instantané quotidien');
}

let dailyTimer: ReturnType<typeof setInterval> | null = null;

/** Starts the daily snapshot check (idempotent); returns a stop function. */
export function startAutoSnapshots(): () => void {
	if (!dailyTimer) {
		void ensureDailySnapshot();
		dailyTimer = setInterval(() => void ensureDailySnapshot(), 3600 * 1000);
	}
	return () => {
		if (dailyTimer) clearInterval(dailyTimer);
		dailyTimer = null;
	};
}
