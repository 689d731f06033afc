/**
 * Page side of the analysis worker: one worker kept between runs (its cache of rows is what makes a
 * changed option or window cheap), closed after a minute without a run. A superseded run is cancelled
 * without terminating the worker: the worker drops it before its matching, and its answer is ignored.
 */
import { PilotError } from '$lib/i18n/errors';
import { keptWorker, type KeptWorker } from '$lib/worker/kept-worker';
import type { AnalysisMessage, AnalysisRequest } from './analysis.worker';
import type { ComputedAnalysis } from './pipeline/carrier.compute';
import type { BilledLine } from './pipeline/carrier.types';

/** Long enough to keep the cache while the user toggles options, short enough to give memory back. */
const IDLE_MS = 60_000;

let analysisWorker: KeptWorker<AnalysisRequest, AnalysisMessage> | undefined;

export function analyseInWorker<L extends BilledLine, R>(
	carrier: string,
	options: unknown,
	window: string[] | null,
	signal?: AbortSignal
): Promise<ComputedAnalysis<L, R>> {
	analysisWorker ??= keptWorker(
		() => new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' }),
		IDLE_MS
	);
	return analysisWorker.run<ComputedAnalysis<L, R>>(
		{ carrier, options, window },
		{
			signal,
			onMessage: (msg) => {
				if (msg.type === 'done') return { result: msg.computed as unknown as ComputedAnalysis<L, R> };
				if (msg.code) throw new PilotError(msg.code, msg.details);
				throw new PilotError('unexpected', { context: `analyse ${carrier}`, cause: msg.message });
			},
			crashed: (cause) => new PilotError('unexpected', { context: `analyse ${carrier}`, cause })
		}
	);
}
