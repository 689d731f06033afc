/** Page side of the legacy import worker: the decoded content of an old-app backup ZIP, with progress and cancel. */
import { PilotError } from '$lib/i18n/errors';
import { reviveError, type SerializedError } from '$lib/backup/worker-errors';
import type { LegacyContent } from './legacy.plan';

export function readLegacyInWorker(
	file: Blob,
	fileName: string,
	opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}
): Promise<LegacyContent> {
	if (opts.signal?.aborted) return Promise.reject(new PilotError('cancelled'));
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL('./legacy.worker.ts', import.meta.url), { type: 'module' });
		const finish = () => {
			worker.terminate();
			opts.signal?.removeEventListener('abort', abort);
		};
		const abort = () => {
			finish();
			reject(new PilotError('cancelled'));
		};
		opts.signal?.addEventListener('abort', abort);
		worker.onmessage = (event: MessageEvent) => {
			const data = event.data as {
				progress?: [number, number];
				content?: LegacyContent;
				error?: SerializedError;
			};
			if (data.progress) return opts.onProgress?.(...data.progress);
			finish();
			if (data.error) reject(reviveError(data.error));
			else resolve(data.content!);
		};
		worker.onerror = (event) => {
			finish();
			// A crash of the worker, not a bad workbook: the browser's text goes to the console only.
			reject(
				new PilotError('unexpected', {
					context: `lecture de la sauvegarde « ${fileName} »`,
					cause: event.message
				})
			);
		};
		worker.postMessage({ file, fileName });
	});
}
