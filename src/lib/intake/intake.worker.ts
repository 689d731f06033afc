/// <reference lib="webworker" />
/** The intake worker: parsing and hashing never run on the page's thread. */
import { PilotError } from '$lib/i18n/errors';
import { parseBytes, ROWS_PER_MESSAGE, type IntakeProgress, type ParsedFile } from './intake.core';

export interface IntakeRequest {
	bytes: ArrayBuffer;
	fileName: string;
	parser: string;
}

export type IntakeMessage =
	| { type: 'progress'; progress: IntakeProgress }
	| { type: 'rows'; rows: Record<string, unknown>[] }
	| { type: 'done'; parsed: ParsedFile }
	| { type: 'error'; code: PilotError['code'] | null; details: PilotError['details']; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let lastPost = 0;

scope.onmessage = (event: MessageEvent<IntakeRequest>) => {
	const { bytes, fileName, parser } = event.data;
	const post = (message: IntakeMessage) => scope.postMessage(message);
	try {
		const parsed = parseBytes(new Uint8Array(bytes), fileName, parser, (progress) => {
			const now = Date.now();
			// A message per step would flood the page; ~20 a second keep the bar moving.
			if (now - lastPost < 50 && progress.done < progress.total) return;
			lastPost = now;
			post({ type: 'progress', progress });
		});
		// Rows go in slices: the page then decodes several small messages, never one long task.
		const rows = parsed.result.rows;
		for (let i = 0; i < rows.length; i += ROWS_PER_MESSAGE) {
			post({ type: 'rows', rows: rows.slice(i, i + ROWS_PER_MESSAGE) });
		}
		post({ type: 'done', parsed: { ...parsed, result: { ...parsed.result, rows: [] } } });
	} catch (err) {
		if (err instanceof PilotError)
			post({ type: 'error', code: err.code, details: err.details, message: err.message });
		else post({ type: 'error', code: null, details: {}, message: (err as Error)?.message ?? String(err) });
	}
};
