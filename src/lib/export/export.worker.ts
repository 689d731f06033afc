/// <reference lib="webworker" />
/**
 * Export worker: ExcelJS builds and zips the workbook off the page's thread. Protocol: { begin } (layout
 * and sheet heads), { rows } slices, { end } → { progress } … then { blob } | { error }.
 */
import { serializeError } from '$lib/backup/worker-errors';
import type { ExportPart } from './workbook.client';
import type { WorkbookRequest } from './sheet.types';
import { writeWorkbook } from './xlsx.writer';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let request: WorkbookRequest = { sheets: [] };

scope.onmessage = async (event: MessageEvent<ExportPart>) => {
	const part = event.data;
	if (part.type === 'begin') request = { layout: part.layout, sheets: part.sheets };
	else if (part.type === 'rows') {
		const sheet = request.sheets[part.sheet];
		for (const row of part.rows) sheet.rows.push(row);
		if (part.fills) for (const fill of part.fills) sheet.fills?.push(fill);
	} else {
		try {
			const blob = await writeWorkbook(request, (done, total) =>
				scope.postMessage({ progress: [done, total] })
			);
			scope.postMessage({ blob });
		} catch (error) {
			scope.postMessage({ error: serializeError(error) });
		}
	}
};
