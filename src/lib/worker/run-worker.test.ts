import { describe, expect, it } from 'vitest';
import { PilotError } from '$lib/i18n/errors';
import { runWorker } from './run-worker';

/** A stand-in for a module worker: answers each request with the given messages, or crashes. */
class FakeWorker {
	onmessage: ((event: MessageEvent) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	terminated = false;
	constructor(private answer: (request: unknown) => unknown[] | 'crash' | 'silent') {}
	postMessage(request: unknown) {
		const answer = this.answer(request);
		queueMicrotask(() => {
			if (answer === 'crash') this.onerror?.({ message: 'boom' } as ErrorEvent);
			else if (answer !== 'silent') for (const data of answer) this.onmessage?.({ data } as MessageEvent);
		});
	}
	terminate() {
		this.terminated = true;
	}
}

type Msg = { progress?: number; result?: number; error?: string };

function run(worker: FakeWorker, signal?: AbortSignal) {
	const progress: number[] = [];
	const done = runWorker<Msg, number>(() => worker as unknown as Worker, {
		signal,
		send: (w) => w.postMessage(21),
		onMessage: (m) => {
			if (m.progress !== undefined) return void progress.push(m.progress);
			if (m.error) throw new PilotError('validation', { message: m.error });
			return { result: m.result! };
		},
		crashed: (cause) => new PilotError('unexpected', { context: 'test', cause })
	});
	return { done, progress };
}

describe('runWorker', () => {
	it('passes progress on, resolves with the result and terminates the worker', async () => {
		const worker = new FakeWorker((n) => [{ progress: 1 }, { result: (n as number) * 2 }]);
		const { done, progress } = run(worker);
		await expect(done).resolves.toBe(42);
		expect(progress).toEqual([1]);
		expect(worker.terminated).toBe(true);
	});

	it("rejects with the worker's error, and with the crash error when the worker itself fails", async () => {
		const failing = new FakeWorker(() => [{ error: 'non' }]);
		await expect(run(failing).done).rejects.toEqual(new PilotError('validation', { message: 'non' }));
		expect(failing.terminated).toBe(true);
		const crashing = new FakeWorker(() => 'crash');
		await expect(run(crashing).done).rejects.toEqual(
			new PilotError('unexpected', { context: 'test', cause: 'boom' })
		);
	});

	it('rejects as cancelled and terminates the worker when the signal aborts', async () => {
		const worker = new FakeWorker(() => 'silent');
		const controller = new AbortController();
		const { done } = run(worker, controller.signal);
		controller.abort();
		await expect(done).rejects.toEqual(new PilotError('cancelled'));
		expect(worker.terminated).toBe(true);
	});
});
