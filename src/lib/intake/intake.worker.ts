/// <reference lib="webworker" />
/** The intake worker: hashing, parsing and packing never run on the page's thread. */
import { PilotError } from '$lib/i18n/errors';
import {
	packChunks,
	parseBytes,
	summariseParsed,
	type IntakeProgress,
	type ParsedSummary
} from './intake.core';

export interface IntakeRequest {
	bytes: ArrayBuffer;
	fileName: string;
	parser: string;
	/** False: parse and count only, nothing packed nor posted (the benchmark's "parse alone"). */
	pack: boolean;
}

export type IntakeMessage =
	| { type: 'progress'; progress: IntakeProgress }
	/** One packed chunk, in file order; its bytes are transferred, not copied. */
	| { type: 'chunk'; rowCount: number; data: Uint8Array<ArrayBuffer> }
	| { type: 'done'; parsed: ParsedSummary }
	| { type: 'error'; code: PilotError['code'] | null; details: PilotError['details']; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let lastPost = 0;

scope.onmessage = async (event: MessageEvent<IntakeRequest>) => {
	const { bytes, fileName, parser, pack } = event.data;
	const post = (message: IntakeMessage, transfer: Transferable[] = []) =>
		scope.postMessage(message, transfer);
	const onProgress = (progress: IntakeProgress) => {
		const now = Date.now();
		// A message per step would flood the page; ~20 a second keep the bar moving.
		if (now - lastPost < 50 && progress.done < progress.total) return;
		lastPost = now;
		post({ type: 'progress', progress });
	};
	try {
		const parsed = parseBytes(new Uint8Array(bytes), fileName, parser, onProgress);
		// The page receives bytes it stores as they are: no row object crosses, nothing to decode.
		if (pack)
			await packChunks(
				parsed.result.rows,
				({ rowCount, data }) => post({ type: 'chunk', rowCount, data }, [data.buffer]),
				onProgress
			);
		post({ type: 'done', parsed: summariseParsed(parsed) });
	} catch (err) {
		if (err instanceof PilotError)
			post({ type: 'error', code: err.code, details: err.details, message: err.message });
		else post({ type: 'error', code: null, details: {}, message: (err as Error)?.message ?? String(err) });
	}
};
