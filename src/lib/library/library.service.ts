/**
 * Writes of the Bibliothèque: delete one analysis, a period or everything — with a safety snapshot
 * first for the bulk deletions, one transaction, and "Annuler" that files the records back.
 * Each function reports its own errors in French and returns false on failure.
 */
import { deleteArchive } from '$lib/analysis/archive.service';
import { noteSignificantChange, takeSafetySnapshot } from '$lib/backup/snapshots.service';
import { db } from '$lib/db/pilot-db';
import type { LibraryRecord } from '$lib/db/records';
import { withWrite } from '$lib/db/write-lock';
import { downloadBlob, timestampedName, writeXlsx } from '$lib/export';
import { formatPeriod, plural } from '$lib/i18n/format';
import { handleError, notifySuccess } from '$lib/state/notifications.svelte';
import { archiveFilePrefix, archiveSheets } from './library.logic';
import { allArchives, archivesOfPeriod } from './library.repository';

/** One analysis out of the Bibliothèque; "Annuler" puts it back (the carrier pages do the same). */
export const deleteAnalysis: (record: LibraryRecord) => Promise<boolean> = deleteArchive;

async function removeAll(records: LibraryRecord[], what: string): Promise<boolean> {
	try {
		await takeSafetySnapshot(`Avant suppression ${what} de la Bibliothèque`);
		await withWrite([db.library], () => db.library.bulkDelete(records.map((r) => r.id)));
		noteSignificantChange(`Bibliothèque : suppression ${what}`);
		notifySuccess(
			`${plural(records.length, 'analyse supprimée', 'analyses supprimées')} (${what}). Un instantané de sécurité a été pris avant.`,
			{
				label: 'Annuler',
				run: async () => {
					try {
						await withWrite([db.library], () => db.library.bulkPut(records));
						notifySuccess(`${plural(records.length, 'analyse restaurée', 'analyses restaurées')} (${what}).`);
					} catch (err) {
						handleError(err, `Annulation de la suppression ${what}`);
					}
				}
			}
		);
		return true;
	} catch (err) {
		handleError(err, `Suppression ${what} de la Bibliothèque`);
		return false;
	}
}

/** Every analysis filed under `period` ('YYYY-MM'). */
export async function deletePeriod(period: string): Promise<boolean> {
	let records: LibraryRecord[];
	try {
		records = await archivesOfPeriod(period);
	} catch (err) {
		handleError(err, `Suppression de la période ${formatPeriod(period)}`);
		return false;
	}
	return removeAll(records, `de la période ${formatPeriod(period)}`);
}

/** The whole Bibliothèque. */
export async function deleteLibrary(): Promise<boolean> {
	let records: LibraryRecord[];
	try {
		records = await allArchives();
	} catch (err) {
		handleError(err, 'Suppression de toute la Bibliothèque');
		return false;
	}
	return removeAll(records, 'de toute la bibliothèque');
}

/** Downloads an archived analysis as a workbook (KPIs, then each frozen table); returns its file name. */
export async function exportArchive(record: LibraryRecord): Promise<string | undefined> {
	try {
		const blob = await writeXlsx(archiveSheets(record));
		const fileName = timestampedName(archiveFilePrefix(record), 'xlsx');
		downloadBlob(blob, fileName);
		return fileName;
	} catch (err) {
		handleError(err, `Export de l'analyse « ${record.title} »`);
		return undefined;
	}
}
