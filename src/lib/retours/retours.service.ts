/**
 * What the Retours page writes: import an export (intake worker, original kept, same bytes = "déjà importé"),
 * delete one with undo, export a table, archive, reset (safety snapshot first). Each reports its own errors.
 */
import type { FilterValues } from '$lib/analysis/table-rows';
import type { InputSlot } from '$lib/analysis/input-slot';
import { deleteInvoice, type ImportInvoiceOptions } from '$lib/analysis/upload.service';
import { resetModule } from '$lib/backup/reset.service';
import { noteSignificantChange } from '$lib/backup/snapshots.service';
import { autoArchive, fileArchive } from '$lib/analysis/archive.service';
import type { DatasetRecord } from '$lib/db/records';
import { downloadBlob } from '$lib/export';
import { plural } from '$lib/i18n/format';
import { importFile } from '$lib/intake/intake.service';
import { handleError, notifySuccess } from '$lib/state/notifications.svelte';
import type { RetoursAnalysis } from './retours.analysis';
import { RETOURS_LABEL, retoursLibraryRecord } from './retours.archive';
import { RETOURS_STORE } from './retours.repository';
import { buildRetoursExport, type RetoursTabId } from './retours.tables';

const MODULE = { store: RETOURS_STORE, label: RETOURS_LABEL } as const;

export const RETOURS_SLOT: InputSlot = {
	id: 'export',
	label: '📄 Importer un CSV',
	accept: '.csv,.txt,.xlsx',
	parser: 'retours',
	hint: 'export des retours du WMS'
};

/** Parses (worker) and stores one export; the original is kept. */
export async function importRetours(
	file: File,
	opts: ImportInvoiceOptions = {}
): Promise<DatasetRecord | undefined> {
	const dataset = await importFile({
		store: RETOURS_STORE,
		slot: RETOURS_SLOT.id,
		parser: RETOURS_SLOT.parser,
		file,
		...opts
	});
	if (dataset) {
		noteSignificantChange(`Import Retours : ${dataset.fileName}`);
		const returns = typeof dataset.meta.returns === 'number' ? dataset.meta.returns : 0;
		notifySuccess(
			`Fichier sauvegardé : « ${dataset.fileName} » (${plural(dataset.rowCount, 'ligne')}, ${plural(returns, 'retour')} à l'état « returned »).`
		);
	}
	return dataset;
}

export function deleteRetoursFile(dataset: DatasetRecord): Promise<boolean> {
	return deleteInvoice(MODULE, dataset);
}

export async function exportRetours(
	a: RetoursAnalysis,
	tab: RetoursTabId,
	filters: FilterValues
): Promise<string | undefined> {
	try {
		const { blob, fileName } = await buildRetoursExport(a, tab, filters);
		downloadBlob(blob, fileName);
		return fileName;
	} catch (err) {
		handleError(err, `Export ${tab === 'synthese' ? 'Synthèse' : 'Détail'} des retours`);
		return undefined;
	}
}

const SUBJECT = 'analyse des retours';

/** Files the analysis in the Bibliothèque under its period (`replace`: see fileArchive), as the carriers do. */
export function archiveRetours(
	a: RetoursAnalysis,
	datasets: DatasetRecord[],
	period?: string | null,
	opts: { replace?: boolean } = {}
): Promise<boolean> {
	const make = () => retoursLibraryRecord(a, datasets, { id: crypto.randomUUID(), now: Date.now(), period });
	return fileArchive(make, SUBJECT, opts);
}

/** Automatic archiving (Paramètres, off by default): archives the analysis for its period, replacing the last. */
export function autoArchiveRetours(a: RetoursAnalysis, datasets: DatasetRecord[]): Promise<boolean> {
	return autoArchive(SUBJECT, () => archiveRetours(a, datasets, null, { replace: true }));
}

/** Empties the module's stored exports after a safety snapshot ("Annuler" restores them). */
export function resetRetours(): Promise<boolean> {
	return resetModule('retours');
}
