/// <reference lib="webworker" />
/**
 * The analysis worker: reads the stored records itself and matches them off the page's thread. It lives
 * between runs (analysis.client.ts) and keeps the rows it read (analysis.cache.ts); a cancelled run
 * stops at its next step and posts nothing.
 */
import { PilotError } from '$lib/i18n/errors';
import { carrierFor } from '$lib/carriers';
import type { KeptAnswer, KeptCall } from '$lib/worker/kept-worker';
import { AnalysisCache } from './analysis.cache';
import { computeHere, type ComputedAnalysis } from './pipeline/carrier.compute';

export interface AnalysisRequest {
	carrier: string;
	options: unknown;
	window: string[] | null;
}

export type AnalysisMessage =
	| { type: 'done'; computed: ComputedAnalysis<never, unknown> }
	| { type: 'error'; code: PilotError['code'] | null; details: PilotError['details']; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const cache = new AnalysisCache();
const runs = new Map<number, AbortController>();

scope.onmessage = async (event: MessageEvent<KeptCall<AnalysisRequest>>) => {
	const call = event.data;
	if (call.type === 'cancel') return runs.get(call.id)?.abort();
	const run = new AbortController();
	runs.set(call.id, run);
	const { carrier, options, window } = call.request;
	const post = (message: AnalysisMessage) => {
		if (!run.signal.aborted)
			scope.postMessage({ id: call.id, message } satisfies KeptAnswer<AnalysisMessage>);
	};
	try {
		const module = carrierFor(carrier, options);
		const computed = await computeHere(module, window, cache, run.signal);
		post({ type: 'done', computed: computed as ComputedAnalysis<never, unknown> });
	} catch (err) {
		if (err instanceof PilotError)
			post({ type: 'error', code: err.code, details: err.details, message: err.message });
		else
			post({
				type: 'error',
				code: null,
				details: {},
				message: err instanceof Error ? err.message : String(err)
			});
	} finally {
		runs.delete(call.id);
	}
};
