/**
 * One request run in a fresh module worker, the pattern every worker client shares: the worker is
 * terminated as soon as the run ends, fails or is cancelled (its memory goes with it).
 */
import { PilotError } from '$lib/i18n/errors';

export interface RunWorkerOptions<M, T> {
	/** Aborting terminates the worker at once; the run rejects with a 'cancelled' error. */
	signal?: AbortSignal;
	/** Sends the request (one message or several); a throw or a rejection fails the run. */
	send: (worker: Worker) => void | Promise<void>;
	/** One message of the worker: `undefined` while the run goes on (progress, a part), `{ result }` at its end; a throw fails it. */
	onMessage: (message: M) => { result: T } | undefined;
	/** The error for a crash of the worker itself; `message` is the browser's text, for the console only. */
	crashed: (message: string) => Error;
}

export function runWorker<M, T>(spawn: () => Worker, opts: RunWorkerOptions<M, T>): Promise<T> {
	if (opts.signal?.aborted) return Promise.reject(new PilotError('cancelled'));
	return new Promise<T>((resolve, reject) => {
		const worker = spawn();
		let over = false;
		const settle = (fn: () => void) => {
			if (over) return;
			over = true;
			worker.terminate();
			opts.signal?.removeEventListener('abort', abort);
			fn();
		};
		const fail = (error: unknown) => settle(() => reject(error));
		const abort = () => fail(new PilotError('cancelled'));
		opts.signal?.addEventListener('abort', abort);
		worker.onmessage = (event: MessageEvent<M>) => {
			try {
				const end = opts.onMessage(event.data);
				if (end) settle(() => resolve(end.result));
			} catch (error) {
				fail(error);
			}
		};
		worker.onerror = (event) => fail(opts.crashed(event.message));
		Promise.resolve()
			.then(() => opts.send(worker))
			.catch(fail);
	});
}
