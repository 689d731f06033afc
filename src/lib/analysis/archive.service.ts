/** Writes of the archived analyses every analysis page lists (and the Bibliothèque too). */
import { noteSignificantChange, takeSafetySnapshot } from '$lib/backup/snapshots.service';
import { db } from '$lib/db/pilot-db';
import type { LibraryRecord } from '$lib/db/records';
import { withWrite } from '$lib/db/write-lock';
import { PilotError } from '$lib/i18n/errors';
import { formatPeriod } from '$lib/i18n/format';
import { archivesOf } from '$lib/library/library.repository';
import { getAutoArchive } from '$lib/settings/settings.repository';
import { handleError, notifySuccess } from '$lib/state/notifications.svelte';

/**
 * Files the analysis `make` builds in the Bibliothèque under its period. With `replace` (automatic
 * archiving), the module's archives of that period are replaced, after a safety snapshot, in one
 * transaction. `subject` names it in messages: « analyse DPD », « analyse des retours ».
 */
export async function fileArchive(
	make: () => LibraryRecord,
	subject: string,
	opts: { replace?: boolean } = {}
): Promise<boolean> {
	try {
		const record = make();
		const previous = opts.replace ? await archivesOf(record.module, record.period) : [];
		if (previous.length) await takeSafetySnapshot(`Avant remplacement de l'archive « ${record.title} »`);
		await withWrite([db.library], async () => {
			await db.library.bulkDelete(previous.map((r) => r.id));
			await db.library.add(record);
		});
		noteSignificantChange(`Archivage de l'${subject}`);
		const replaced = previous.length
			? ' à la place de la précédente (instantané de sécurité pris avant)'
			: '';
		notifySuccess(
			`✅ ${subject[0].toUpperCase()}${subject.slice(1)} archivée dans la Bibliothèque (${formatPeriod(record.period)})${replaced}.`
		);
		return true;
	} catch (err) {
		handleError(err, `Archivage de l'${subject}`);
		return false;
	}
}

/** Automatic archiving (Paramètres, off by default): `archive` runs only when it is on. */
export async function autoArchive(subject: string, archive: () => Promise<boolean>): Promise<boolean> {
	try {
		if (!(await getAutoArchive())) return false;
	} catch (err) {
		handleError(err, `Archivage automatique de l'${subject}`);
		return false;
	}
	return archive();
}

/** Removes an archived analysis from the Bibliothèque; "Annuler" files it back. */
export async function deleteArchive(record: LibraryRecord): Promise<boolean> {
	try {
		// Undo puts back the stored record itself: a caller's copy may be a reactive proxy that
		// IndexedDB cannot clone.
		const stored = await withWrite([db.library], async () => {
			const found = await db.library.get(record.id);
			await db.library.delete(record.id);
			return found;
		});
		if (!stored) throw new PilotError('not-found', { what: `L'analyse « ${record.title} »` });
		notifySuccess(`Analyse « ${record.title} » supprimée de la Bibliothèque.`, {
			label: 'Annuler',
			run: async () => {
				try {
					await withWrite([db.library], () => db.library.put(stored));
					notifySuccess(`Analyse « ${record.title} » restaurée.`);
				} catch (err) {
					handleError(err, `Annulation de la suppression de « ${record.title} »`);
				}
			}
		});
		return true;
	} catch (err) {
		handleError(err, `Suppression de l'analyse « ${record.title} »`);
		return false;
	}
}
