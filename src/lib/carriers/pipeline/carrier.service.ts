/**
 * What a carrier page does, the same for every carrier: import an invoice (intake worker, originals kept),
 * compute the analysis from the stored records, delete a file with undo, export, archive, reset.
 * Every function reports its own errors in French and returns undefined/false on failure.
 */
import { resetModule } from '$lib/backup/reset.service';
import { noteSignificantChange, takeSafetySnapshot } from '$lib/backup/snapshots.service';
import { db } from '$lib/db/pilot-db';
import type { DatasetRecord } from '$lib/db/records';
import { withWrite } from '$lib/db/write-lock';
import { downloadBlob } from '$lib/export';
import { formatPeriod, plural } from '$lib/i18n/format';
import { deleteDatasets, putBundle, readBundle } from '$lib/intake/datasets.repository';
import { importFile, type ProgressFn } from '$lib/intake/intake.service';
import { PilotError } from '$lib/i18n/errors';
import { handleError, notifySuccess } from '$lib/state/notifications.svelte';
import { getAutoArchive } from '$lib/settings/settings.repository';
import { libraryRecord } from './carrier.archive';
import { archivesOf } from './carrier.repository';
import { buildExport, type FilterLookup } from './carrier.export';
import { computeHere, type ComputedAnalysis } from './carrier.compute';
import type { Analysis, BilledLine, CarrierModule, ExportSpec, InputSlot } from './carrier.types';
import type { PageSpec } from './common.tabs';

export { defaultWindow, type ComputedAnalysis } from './carrier.compute';

/**
 * The analysis of everything stored for a carrier, against the chosen (or automatic) 3PL window: in the
 * analysis worker when the module opts in (large invoices never block the page), else here.
 */
export async function computeAnalysis<Row, L extends BilledLine, R>(
	module: CarrierModule<Row, L, R>,
	chosenWindow: string[] | null,
	signal?: AbortSignal
): Promise<ComputedAnalysis<L, R> | undefined> {
	try {
		if (module.worker && typeof Worker !== 'undefined') {
			const { analyseInWorker } = await import('../analysis.client');
			return await analyseInWorker<L, R>(module.id, module.worker.options, chosenWindow, signal);
		}
		return await computeHere(module, chosenWindow);
	} catch (err) {
		// A run superseded by a newer one (new file, other window) is not an error.
		if (!(err instanceof PilotError && err.code === 'cancelled')) handleError(err, `Analyse ${module.label}`);
		return undefined;
	}
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
	module: Pick<CarrierModule, 'store' | 'label'>,
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
export async function deleteInvoice(
	module: Pick<CarrierModule, 'store' | 'label'>,
	dataset: DatasetRecord
): Promise<boolean> {
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

/** Builds an export and hands it to the browser's download. */
export async function exportAnalysis<L extends BilledLine, R>(
	spec: PageSpec<L, R>,
	analysis: Analysis<L, R>,
	exportSpec: ExportSpec,
	filters?: FilterLookup
): Promise<string | undefined> {
	try {
		const { blob, fileName } = await buildExport(spec.tabs, analysis, exportSpec, filters);
		downloadBlob(blob, fileName);
		return fileName;
	} catch (err) {
		handleError(err, `Export « ${exportSpec.label.replace(/^\W+/u, '')} »`);
		return undefined;
	}
}

/**
 * Files a frozen copy of the analysis in the Bibliothèque under its period. With `replace` (automatic
 * archiving), the module's archives of that period are replaced, after a safety snapshot, in one transaction.
 */
export async function archiveAnalysis<Row, L extends BilledLine, R>(
	module: CarrierModule<Row, L, R>,
	spec: PageSpec<L, R>,
	computed: ComputedAnalysis<L, R>,
	period?: string | null,
	opts: { replace?: boolean } = {}
): Promise<boolean> {
	try {
		const record = libraryRecord(module.label, spec, computed.analysis, computed.files, {
			id: crypto.randomUUID(),
			now: Date.now(),
			period
		});
		const previous = opts.replace ? await archivesOf(record.module, record.period) : [];
		if (previous.length) await takeSafetySnapshot(`Avant remplacement de l'archive « ${record.title} »`);
		await withWrite([db.library], async () => {
			await db.library.bulkDelete(previous.map((r) => r.id));
			await db.library.add(record);
		});
		noteSignificantChange(`Archivage ${module.label}`);
		notifySuccess(
			`✅ Analyse ${module.label} archivée dans la Bibliothèque (${formatPeriod(record.period)})${previous.length ? ` à la place de la précédente (instantané de sécurité pris avant)` : ''}.`
		);
		return true;
	} catch (err) {
		handleError(err, `Archivage de l'analyse ${module.label}`);
		return false;
	}
}

/** Automatic archiving (Paramètres, off by default): archives the analysis for its period, replacing the last. */
export async function autoArchiveAnalysis<Row, L extends BilledLine, R>(
	module: CarrierModule<Row, L, R>,
	spec: PageSpec<L, R>,
	computed: ComputedAnalysis<L, R>
): Promise<boolean> {
	try {
		if (!(await getAutoArchive())) return false;
	} catch (err) {
		handleError(err, `Archivage automatique de l'analyse ${module.label}`);
		return false;
	}
	return archiveAnalysis(module, spec, computed, null, { replace: true });
}

/** Empties the carrier's tables after a safety snapshot ("Annuler" restores them). */
export function resetCarrier(module: Pick<CarrierModule, 'id'>): Promise<boolean> {
	return resetModule(module.id);
}
