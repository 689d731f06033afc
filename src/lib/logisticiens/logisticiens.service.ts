/** Writes of the 3PL library: save reviewed files, delete a file or a period with undo. */
import { noteSignificantChange, takeSafetySnapshot } from '$lib/backup/snapshots.service';
import type { DatasetRecord } from '$lib/db/records';
import { deleteDatasets, putBundle, readBundle } from '$lib/intake/datasets.repository';
import type { IntakeProgress, ParsedUpload } from '$lib/intake/intake.core';
import { reportIntakeError, storeParsed } from '$lib/intake/intake.service';
import { PilotError } from '$lib/i18n/errors';
import { formatPeriod, plural } from '$lib/i18n/format';
import { handleError, notifySuccess } from '$lib/state/notifications.svelte';
import { SLOT, STORE, listFiles, setPeriod } from './logisticiens.repository';

/** Saves one reviewed file under the period the user confirmed. */
export async function saveThreePL(
	parsed: ParsedUpload,
	original: Blob,
	period: string,
	skipBadLines: boolean,
	onProgress?: (p: IntakeProgress) => void
): Promise<DatasetRecord | undefined> {
	try {
		const dataset = await storeParsed(STORE, SLOT, parsed, original, { period, skipBadLines, onProgress });
		noteSignificantChange(`Import logisticien : ${dataset.fileName}`);
		return dataset;
	} catch (err) {
		reportIntakeError(err, parsed.fileName);
		return undefined;
	}
}

interface Wording {
	context: string;
	done: string;
	undone: string;
}

/** `snapshot`: a delete-many (a whole period) is also kept as a safety snapshot. */
async function removeWithUndo(ids: string[], words: Wording, snapshot = false): Promise<boolean> {
	try {
		if (snapshot) await takeSafetySnapshot(`Avant : ${words.context.toLowerCase()}`);
		const bundle = await readBundle(STORE, ids);
		await deleteDatasets(STORE, ids);
		notifySuccess(words.done, {
			label: 'Annuler',
			run: async () => {
				try {
					await putBundle(STORE, bundle);
					notifySuccess(words.undone);
				} catch (err) {
					handleError(err, `Annulation — ${words.context}`);
				}
			}
		});
		return true;
	} catch (err) {
		handleError(err, words.context);
		return false;
	}
}

export function deleteFile(dataset: DatasetRecord): Promise<boolean> {
	const name = `« ${dataset.fileName} »`;
	return removeWithUndo([dataset.id], {
		context: `Suppression du fichier ${name}`,
		done: `Fichier ${name} supprimé (${plural(dataset.rowCount, 'ligne')}).`,
		undone: `Fichier ${name} restauré.`
	});
}

export async function deletePeriod(period: string): Promise<boolean> {
	const ids = (await listFiles()).filter((d) => d.period === period).map((d) => d.id);
	if (!ids.length) return false;
	const label = formatPeriod(period);
	return removeWithUndo(
		ids,
		{
			context: `Suppression de la période ${label}`,
			done: `Période ${label} supprimée (${plural(ids.length, 'fichier')}).`,
			undone: `Période ${label} restaurée.`
		},
		true
	);
}

/** Files a saved file under another month; "Annuler" puts it back. */
export async function changePeriod(dataset: DatasetRecord, period: string): Promise<boolean> {
	const before = dataset.period;
	const name = `« ${dataset.fileName} »`;
	try {
		if (!/^\d{4}-\d{2}$/.test(period))
			throw new PilotError('validation', { message: 'Choisissez un mois (AAAA-MM).' });
		await setPeriod(dataset.id, period);
		notifySuccess(`Fichier ${name} classé en ${formatPeriod(period)}.`, {
			label: 'Annuler',
			run: async () => {
				try {
					if (before) await setPeriod(dataset.id, before);
					notifySuccess(`Fichier ${name} de nouveau en ${formatPeriod(before)}.`);
				} catch (err) {
					handleError(err, `Annulation — période du fichier ${name}`);
				}
			}
		});
		return true;
	} catch (err) {
		handleError(err, `Période du fichier ${name}`);
		return false;
	}
}
