/**
 * One module worker kept between requests, for a worker whose memory is worth keeping (the analysis
 * worker's cache of rows): spawned on the first request, terminated after `idleMs` without a request
 * running, and on a crash (every request running then fails; the next one spawns a fresh worker).
 * Aborting a request rejects it at once with 'cancelled' and tells the worker to drop it; a later answer
 * to it is ignored. The worker is not terminated on abort: that would throw its memory away, and the
 * request that supersedes the aborted one is the one it would serve.
 */
import { PilotError } from '$lib/i18n/errors';

/** What the page posts: a request under its run id, or the cancel of one. */
export type KeptCall<Q> = { type: 'run'; id: number; request: Q } | { type: 'cancel'; id: number };

/** What the worker posts: one message of a run. */
export interface KeptAnswer<M> {
	id: number;
	message: M;
}

export interface KeptRunOptions<M, T> {
	signal?: AbortSignal;
	/** One message of the run: `undefined` while it goes on, `{ result }` at its end; a throw fails it. */
	onMessage: (message: M) => { result: T } | undefined;
	/** The error for a crash of the worker; `message` is the browser's text, for the console only. */
	crashed: (message: string) => Error;
}

export interface KeptWorker<Q, M> {
	run<T>(request: Q, opts: KeptRunOptions<M, T>): Promise<T>;
}

interface Running<M> {
	answer: (message: M) => void;
	crash: (message: string) => void;
}

export function keptWorker<Q, M>(spawn: () => Worker, idleMs: number): KeptWorker<Q, M> {
	let worker: Worker | null = null;
	let idle: ReturnType<typeof setTimeout> | undefined;
	let lastId = 0;
	const running = new Map<number, Running<M>>();

	const close = () => {
		clearTimeout(idle);
		worker?.terminate();
		worker = null;
	};

	const alive = (): Worker => {
		clearTimeout(idle);
		if (worker) return worker;
		const spawned = spawn();
		spawned.onmessage = (event: MessageEvent<KeptAnswer<M>>) =>
			running.get(event.data.id)?.answer(event.data.message);
		spawned.onerror = (event) => {
			close();
			for (const run of [...running.values()]) run.crash(event.message);
		};
		return (worker = spawned);
	};

	return {
		run<T>(request: Q, opts: KeptRunOptions<M, T>): Promise<T> {
			if (opts.signal?.aborted) return Promise.reject(new PilotError('cancelled'));
			return new Promise<T>((resolve, reject) => {
				const id = ++lastId;
				const target = alive();
				const settle = (fn: () => void) => {
					running.delete(id);
					opts.signal?.removeEventListener('abort', abort);
					if (worker && !running.size) idle = setTimeout(close, idleMs);
					fn();
				};
				const fail = (error: unknown) => settle(() => reject(error));
				const abort = () => {
					target.postMessage({ type: 'cancel', id } satisfies KeptCall<Q>);
					fail(new PilotError('cancelled'));
				};
				running.set(id, {
					answer: (message) => {
						try {
							const end = opts.onMessage(message);
							if (end) settle(() => resolve(end.result));
						} catch (error) {
							fail(error);
						}
					},
					crash: (message) => fail(opts.crashed(message))
				});
				opts.signal?.addEventListener('abort', abort);
				try {
					target.postMessage({ type: 'run', id, request } satisfies KeptCall<Q>);
				} catch (error) {
					fail(error);
				}
			});
		}
	};
}
