/** Page side of the legacy import worker: the decoded content of an old-app backup ZIP, with progress and cancel. */
import { PilotError } from '$lib/i18n/errors';
import { reviveError, type SerializedError } from '$lib/backup/worker-errors';
import { runWorker } from '$lib/worker/run-worker';
import type { LegacyContent } from './legacy.plan';

type LegacyMessage = { progress?: [number, number]; content?: LegacyContent; error?: SerializedError };

export function readLegacyInWorker(
	file: Blob,
	fileName: string,
	opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}
): Promise<LegacyContent> {
	return runWorker<LegacyMessage, LegacyContent>(
		() => new Worker(new URL('./legacy.worker.ts', import.meta.url), { type: 'module' }),
		{
			signal: opts.signal,
			send: (worker) => worker.postMessage({ file, fileName }),
			onMessage: (data) => {
				if (data.progress) return void opts.onProgress?.(...data.progress);
				if (data.error) throw reviveError(data.error);
				return { result: data.content! };
			},
			// A crash of the worker, not a bad workbook: the browser's text goes to the console only.
			crashed: (cause) =>
				new PilotError('unexpected', { context: `lecture de la sauvegarde « ${fileName} »`, cause })
		}
	);
}
