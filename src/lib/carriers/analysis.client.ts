/** Page side of the analysis worker: one worker per run, terminated at once when the run is superseded. */
import { PilotError } from '$lib/i18n/errors';
import type { AnalysisMessage, AnalysisRequest } from './analysis.worker';
import type { ComputedAnalysis } from './pipeline/carrier.compute';
import type { BilledLine } from './pipeline/carrier.types';

export function analyseInWorker<L extends BilledLine, R>(
	carrier: string,
	options: unknown,
	window: string[] | null,
	signal?: AbortSignal
): Promise<ComputedAnalysis<L, R>> {
	if (signal?.aborted) return Promise.reject(new PilotError('cancelled'));
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
		const finish = () => {
			worker.terminate();
			signal?.removeEventListener('abort', abort);
		};
		const abort = () => {
			finish();
			reject(new PilotError('cancelled'));
		};
		signal?.addEventListener('abort', abort);
		worker.onmessage = (event: MessageEvent<AnalysisMessage>) => {
			finish();
			const msg = event.data;
			if (msg.type === 'done') resolve(msg.computed as unknown as ComputedAnalysis<L, R>);
			else if (msg.code) reject(new PilotError(msg.code, msg.details));
			else reject(new PilotError('unexpected', { context: `analyse ${carrier}`, cause: msg.message }));
		};
		worker.onerror = (event) => {
			finish();
			reject(new PilotError('unexpected', { context: `analyse ${carrier}`, cause: event.message }));
		};
		const request: AnalysisRequest = { carrier, options, window };
		worker.postMessage(request);
	});
}
