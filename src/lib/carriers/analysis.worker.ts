/// <reference lib="webworker" />
/** The analysis worker: reads the stored records itself and matches them off the page's thread. */
import { PilotError } from '$lib/i18n/errors';
import { carrierFor } from '$lib/carriers';
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

scope.onmessage = async (event: MessageEvent<AnalysisRequest>) => {
	const { carrier, options, window } = event.data;
	const post = (message: AnalysisMessage) => scope.postMessage(message);
	try {
		post({
			type: 'done',
			computed: (await computeHere(carrierFor(carrier, options), window)) as ComputedAnalysis<never, unknown>
		});
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
	}
};
