/** Writes of the archived analyses every analysis page lists (and the Bibliothèque too). */
import { db } from '$lib/db/pilot-db';
import type { LibraryRecord } from '$lib/db/records';
import { withWrite } from '$lib/db/write-lock';
import { PilotError } from '$lib/i18n/errors';
import { handleError, notifySuccess } from '$lib/state/notifications.svelte';

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
