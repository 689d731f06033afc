/**
 * What an upload slot of an analysis page does, the same for the carriers and Retours: parse a file in the
 * intake worker and store it in the module's tables (original kept), delete it with « Annuler ».
 * Each function reports its own errors in French and returns undefined/false on failure.
 */
import { noteSignificantChange } from '$lib/backup/snapshots.service';
import type { DatasetRecord } from '$lib/db/records';
import type { DatasetStore } from '$lib/db/schema';
import { plural } from '$lib/i18n/format';
import { deleteDatasets, putBundle, readBundle } from '$lib/intake/datasets.repository';
import { importFile, type ProgressFn } from '$lib/intake/intake.service';
import { handleError, notifySuccess } from '$lib/state/notifications.svelte';
import type { InputSlot } from './input-slot';

/** The module a file goes to: its tables' prefix and the name its messages give it. */
export interface UploadModule {
	store: DatasetStore;
	label: string;
}

export interface ImportInvoiceOptions {
	onProgress?: ProgressFn;
	signal?: AbortSignal;
	/**
	 * Only for files that bill nothing (Retours' WMS export): the user may import without unreadable lines.
	 * Without it the file is an invoice, refused with its unreadable lines, never imported without them (RULINGS 21).
	 */
	confirmBadLines?: (errors: { line: number; message: string }[], fileName: string) => Promise<boolean>;
}

/** Parses (worker) and stores one invoice file in its slot; the original is kept. */
export async function importInvoice(
	module: UploadModule,
	slot: InputSlot,
	file: File,
	opts: ImportInvoiceOptions = {}
): Promise<DatasetRecord | undefined> {
	const dataset = await importFile({
		store: module.store,
		slot: slot.id,
		parser: slot.parser,
		file,
		invoice: !opts.confirmBadLines,
		...opts
	});
	if (dataset) {
		noteSignificantChange(`Import ${module.label} : ${dataset.fileName}`);
		notifySuccess(
			`« ${dataset.fileName} » importé dans ${slot.label} : ${plural(dataset.rowCount, 'ligne')}.`
		);
	}
	return dataset;
}

/** Deletes one stored file and its rows; "Annuler" puts them back. */
export async function deleteInvoice(module: UploadModule, dataset: DatasetRecord): Promise<boolean> {
	const name = `« ${dataset.fileName} »`;
	try {
		const bundle = await readBundle(module.store, [dataset.id]);
		await deleteDatasets(module.store, [dataset.id]);
		notifySuccess(`Fichier ${name} supprimé de ${module.label} (${plural(dataset.rowCount, 'ligne')}).`, {
			label: 'Annuler',
			run: async () => {
				try {
					await putBundle(module.store, bundle);
					notifySuccess(`Fichier ${name} restauré.`);
				} catch (err) {
					handleError(err, `Annulation de la suppression de ${name}`);
				}
			}
		});
		return true;
	} catch (err) {
		handleError(err, `Suppression du fichier ${name}`);
		return false;
	}
}
