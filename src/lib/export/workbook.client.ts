/**
 * Page side of every XLSX export: the sheets' cells are computed here from their specs (the column
 * functions cannot cross to a worker), a slice of rows at a time, each slice posted at once to the export
 * worker, which builds and zips the workbook (the long part) and returns the file. Where Worker does not
 * exist (Node tests) the same writer runs inline.
 */
import { reviveError, type SerializedError } from '$lib/backup/worker-errors';
import { PilotError } from '$lib/i18n/errors';
import { runWorker } from '$lib/worker/run-worker';
import type { CellValue } from './cells';
import { exportProgress } from './export-progress.svelte';
import type { ExportColumn, PlainSheet, SheetSpec, WorkbookLayout } from './sheet.types';

/** Rows computed per page task: ~10 ms on a slow laptop for a 15-column sheet. */
const SLICE = 2_000;

type Rows = { rows: CellValue[][]; fills: (string | null)[][] | null };

export type ExportPart =
	| { type: 'begin'; layout?: WorkbookLayout; sheets: PlainSheet[] }
	| ({ type: 'rows'; sheet: number } & Rows)
	| { type: 'end' };

type ExportMessage = { progress?: [number, number]; blob?: Blob; error?: SerializedError };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- sheets of different row types
type AnySpec = SheetSpec<any>;

function widthOf<Row>(column: ExportColumn<Row>): number {
	return column.width ?? Math.min(45, Math.max(12, column.header.length + 4));
}

function headOf(spec: AnySpec): PlainSheet {
	const columns = spec.columns.map((c) => ({ header: c.header, kind: c.kind, width: widthOf(c) }));
	return { name: spec.name, columns, rows: [], fills: spec.highlight || spec.cellFill ? [] : null };
}

/** The spec's cells, a slice at a time, with a pause between slices so the page stays responsive. */
async function* slices(spec: AnySpec, signal: AbortSignal): AsyncGenerator<Rows> {
	for (let start = 0; start < spec.rows.length; start += SLICE) {
		if (start > 0) await new Promise((resolve) => setTimeout(resolve, 0));
		if (signal.aborted) throw new PilotError('cancelled');
		const part = spec.rows.slice(start, start + SLICE);
		const rows = part.map((row) => spec.columns.map((c) => c.value(row)));
		const fills =
			spec.highlight || spec.cellFill
				? part.map((row) => {
						const fill = spec.highlight?.(row) ?? null;
						return spec.columns.map((c) => spec.cellFill?.(row, c) ?? fill);
					})
				: null;
		yield { rows, fills };
	}
}

async function inline(
	specs: AnySpec[],
	layout: WorkbookLayout | undefined,
	signal: AbortSignal,
	progress: (done: number, total: number) => void
): Promise<Blob> {
	const sheets = specs.map(headOf);
	for (const [i, spec] of specs.entries())
		for await (const part of slices(spec, signal)) {
			sheets[i].rows.push(...part.rows);
			if (part.fills) sheets[i].fills!.push(...part.fills);
		}
	const { writeWorkbook } = await import('./xlsx.writer');
	return writeWorkbook({ layout, sheets }, progress);
}

function inWorker(
	specs: AnySpec[],
	layout: WorkbookLayout | undefined,
	signal: AbortSignal,
	progress: (done: number, total: number) => void
): Promise<Blob> {
	const post = (worker: Worker, part: ExportPart) => worker.postMessage(part);
	return runWorker<ExportMessage, Blob>(
		() => new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' }),
		{
			signal,
			send: async (worker) => {
				post(worker, { type: 'begin', layout, sheets: specs.map(headOf) });
				for (const [sheet, spec] of specs.entries())
					for await (const part of slices(spec, signal)) post(worker, { type: 'rows', sheet, ...part });
				post(worker, { type: 'end' });
			},
			onMessage: (data) => {
				if (data.progress) return void progress(...data.progress);
				if (data.error) throw reviveError(data.error);
				return { result: data.blob! };
			},
			crashed: (cause) => new PilotError('unexpected', { context: 'préparation du fichier Excel', cause })
		}
	);
}

/**
 * The styled workbook of these sheets (after the layout's own sheets, if any), built off the page's thread
 * and shown meanwhile with a progress bar and « Annuler » (cancel rejects with a 'cancelled' error).
 */
export function writeXlsx(
	specs: AnySpec[],
	options: { layout?: WorkbookLayout; label?: string } = {}
): Promise<Blob> {
	const label = options.label ?? `Préparation du fichier Excel « ${specs[0]?.name ?? 'Synthèse'} »`;
	return exportProgress.run(label, (signal, progress) =>
		typeof Worker === 'undefined'
			? inline(specs, options.layout, signal, progress)
			: inWorker(specs, options.layout, signal, progress)
	);
}
