/**
 * Export Refacturation, the side that reads and writes: every carrier's stored invoices analysed by the
 * carrier pages' own code (in the analysis worker for the modules that opt in), then the workbook downloaded.
 * Errors are reported in French and the functions return undefined.
 */
import { listDatasets } from '$lib/intake/datasets.repository';
import { computeAnalysis } from '$lib/carriers/pipeline/carrier.service';
import { carrierFor } from '$lib/carriers';
import { downloadBlob, writeXlsx } from '$lib/export';
import { formatCents, plural } from '$lib/i18n/format';
import { PilotError } from '$lib/i18n/errors';
import { handleError, notifySuccess } from '$lib/state/notifications.svelte';
import {
	REFACT_CARRIERS,
	refactFileName,
	refactLines,
	type CarrierSource,
	type Consolidation
} from './refacturation.consolidate';
import type { WorkbookContext } from './refacturation.workbook';

/**
 * Every carrier's lines as its page computes them (stored records, automatic 3PL window), one carrier
 * after the other so the shared cores are not flooded. `onProgress(done, total, label)` after each.
 * A carrier whose analysis fails is reported (handleError) and marked `failed`; undefined when cancelled.
 */
export async function loadSources(
	onProgress?: (done: number, total: number, label: string) => void,
	signal?: AbortSignal
): Promise<CarrierSource[] | undefined> {
	const sources: CarrierSource[] = [];
	try {
		for (const [i, { id, label }] of REFACT_CARRIERS.entries()) {
			onProgress?.(i, REFACT_CARRIERS.length, label);
			const module = carrierFor(id, undefined);
			const files = (await listDatasets(module.store)).length;
			if (!files) {
				sources.push({ carrier: id, files: 0, lines: [] });
				continue;
			}
			const computed = await computeAnalysis(module, null, signal);
			if (signal?.aborted) return undefined;
			// computeAnalysis already said why, in French; the other carriers still count, and the page
			// says this one's amounts are missing rather than under-billing silently.
			sources.push(
				computed
					? {
							carrier: id,
							files,
							lines: refactLines(computed.analysis.lines, module.rebillCents),
							reconciliation: computed.analysis.reconciliation
						}
					: { carrier: id, files, lines: [], failed: true }
			);
		}
		onProgress?.(REFACT_CARRIERS.length, REFACT_CARRIERS.length, '');
		return sources;
	} catch (err) {
		handleError(err, 'Export Refacturation');
		return undefined;
	}
}

/** The workbook, built by the export worker from the consolidation (plain data: no live proxies). */
export function refactWorkbook(data: Consolidation, ctx: WorkbookContext): Promise<Blob> {
	const plain = { ...ctx, months: [...ctx.months], partners: ctx.partners && [...ctx.partners] };
	return writeXlsx([], {
		layout: { kind: 'refacturation', data, ctx: plain },
		label: 'Préparation de l’export refacturation'
	});
}

/** Builds and downloads the workbook; its file name, or undefined (nothing to export, or a failure). */
export async function downloadRefacturation(
	data: Consolidation,
	ctx: WorkbookContext
): Promise<string | undefined> {
	try {
		if (!data.rows.length) throw new PilotError('refacturation-empty', {});
		const blob = await refactWorkbook(data, ctx);
		const fileName = refactFileName(ctx.partners, ctx.now);
		downloadBlob(blob, fileName);
		notifySuccess(
			`✅ Export généré avec succès : « ${fileName} » (${plural(data.rows.length, 'ligne')}, ${formatCents(data.total.totalCents)} à refacturer).`
		);
		return fileName;
	} catch (err) {
		handleError(err, 'Génération de l’export refacturation');
		return undefined;
	}
}
