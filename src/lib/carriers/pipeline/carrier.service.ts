/**
 * What a carrier page does, the same for every carrier: compute the analysis from the stored records,
 * export, archive, reset (its uploads are the kit's, `$lib/analysis/upload.service`).
 * Every function reports its own errors in French and returns undefined/false on failure.
 */
import { resetModule } from '$lib/backup/reset.service';
import { downloadBlob } from '$lib/export';
import { PilotError } from '$lib/i18n/errors';
import { handleError } from '$lib/state/notifications.svelte';
import { libraryRecord } from './carrier.archive';
import { autoArchive, fileArchive } from '$lib/analysis/archive.service';
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

/** Files a frozen copy of the analysis in the Bibliothèque under its period (`replace`: see fileArchive). */
export function archiveAnalysis<Row, L extends BilledLine, R>(
	module: CarrierModule<Row, L, R>,
	spec: PageSpec<L, R>,
	computed: ComputedAnalysis<L, R>,
	period?: string | null,
	opts: { replace?: boolean } = {}
): Promise<boolean> {
	const make = () =>
		libraryRecord(module.label, spec, computed.analysis, computed.files, {
			id: crypto.randomUUID(),
			now: Date.now(),
			period
		});
	return fileArchive(make, `analyse ${module.label}`, opts);
}

/** Automatic archiving (Paramètres, off by default): archives the analysis for its period, replacing the last. */
export function autoArchiveAnalysis<Row, L extends BilledLine, R>(
	module: CarrierModule<Row, L, R>,
	spec: PageSpec<L, R>,
	computed: ComputedAnalysis<L, R>
): Promise<boolean> {
	return autoArchive(`analyse ${module.label}`, () =>
		archiveAnalysis(module, spec, computed, null, { replace: true })
	);
}

/** Empties the carrier's tables after a safety snapshot ("Annuler" restores them). */
export function resetCarrier(module: Pick<CarrierModule, 'id'>): Promise<boolean> {
	return resetModule(module.id);
}
