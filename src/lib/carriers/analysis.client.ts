/** Page side of the analysis worker: one worker per run, terminated at once when the run is superseded. */
import { PilotError } from '$lib/i18n/errors';
import { runWorker } from '$lib/worker/run-worker';
import type { AnalysisMessage, AnalysisRequest } from './analysis.worker';
import type { ComputedAnalysis } from './pipeline/carrier.compute';
import type { BilledLine } from './pipeline/carrier.types';

export function analyseInWorker<L extends BilledLine, R>(
	carrier: string,
	options: unknown,
	window: string[] | null,
	signal?: AbortSignal
): Promise<ComputedAnalysis<L, R>> {
	const request: AnalysisRequest = { carrier, options, window };
	return runWorker<AnalysisMessage, ComputedAnalysis<L, R>>(
		() => new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' }),
		{
			signal,
			send: (worker) => worker.postMessage(request),
			onMessage: (msg) => {
				if (msg.type === 'done') return { result: msg.computed as unknown as ComputedAnalysis<L, R> };
				if (msg.code) throw new PilotError(msg.code, msg.details);
				throw new PilotError('unexpected', { context: `analyse ${carrier}`, cause: msg.message });
			},
			crashed: (cause) => new PilotError('unexpected', { context: `analyse ${carrier}`, cause })
		}
	);
}
