/**
 * What a carrier page does, the same for every carrier: compute the analysis from the stored records,
 * export, archive, reset (its uploads are the kit's, `$lib/analysis/upload.service`).
 * Every function reports its own errors in French and returns undefined/false on failure.
 */
import { resetModule } from '$lib/backup/reset.service';
import { noteSignificantChange, takeSafetySnapshot } from '$lib/backup/snapshots.service';
import { db } from '$lib/db/pilot-db';
import { withWrite } from '$lib/db/write-lock';
import { downloadBlob } from '$lib/export';
import { formatPeriod } from '$lib/i18n/format';
import { PilotError } from '$lib/i18n/errors';
import { handleError, notifySuccess } from '$lib/state/notifications.svelte';
import { getAutoArchive } from '$lib/settings/settings.repository';
import { libraryRecord } from './carrier.archive';
import { archivesOf } from './carrier.repository';
import { buildExport, type FilterLookup } from './carrier.export';
import { computeHere, type ComputedAnalysis } from './carrier.compute';
import type { Analysis, BilledLine, CarrierModule, ExportSpec } from './carrier.types';
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
