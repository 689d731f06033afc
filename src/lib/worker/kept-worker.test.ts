import { afterEach, describe, expect, it, vi } from 'vitest';
import { PilotError } from '$lib/i18n/errors';
import { keptWorker, type KeptCall } from './kept-worker';

/** A stand-in for a kept module worker: records the calls, answers when the test says so. */
class FakeWorker {
	onmessage: ((event: MessageEvent) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	calls: KeptCall<number>[] = [];
	terminated = false;
	postMessage(call: KeptCall<number>) {
		this.calls.push(call);
	}
	answer(id: number, message: number) {
		this.onmessage?.({ data: { id, message } } as MessageEvent);
	}
	terminate() {
		this.terminated = true;
	}
}

function setup() {
	const spawned: FakeWorker[] = [];
	const kept = keptWorker<number, number>(() => {
		spawned.push(new FakeWorker());
		return spawned.at(-1) as unknown as Worker;
	}, 60_000);
	const run = (request: number, signal?: AbortSignal) =>
		kept.run<number>(request, {
			signal,
			onMessage: (m) => (m < 0 ? undefined : { result: m }),
			crashed: (cause) => new PilotError('unexpected', { context: 'test', cause })
		});
	return { spawned, run };
}

afterEach(() => vi.useRealTimers());

describe('keptWorker', () => {
	it('serves every run from one worker, each answer to its own run, and closes it when idle', async () => {
		vi.useFakeTimers();
		const { spawned, run } = setup();
		const first = run(1);
		const second = run(2);
		expect(spawned).toHaveLength(1);
		const [worker] = spawned;
		expect(worker.calls).toEqual([
			{ type: 'run', id: 1, request: 1 },
			{ type: 'run', id: 2, request: 2 }
		]);
		worker.answer(2, -1);
		worker.answer(2, 20);
		worker.answer(1, 10);
		await expect(first).resolves.toBe(10);
		await expect(second).resolves.toBe(20);

		vi.advanceTimersByTime(59_000);
		const third = run(3);
		vi.advanceTimersByTime(59_000);
		expect(worker.terminated).toBe(false);
		worker.answer(3, 30);
		await expect(third).resolves.toBe(30);
		vi.advanceTimersByTime(60_000);
		expect(worker.terminated).toBe(true);

		const fourth = run(4);
		expect(spawned).toHaveLength(2);
		spawned[1].answer(4, 40);
		await expect(fourth).resolves.toBe(40);
	});

	it('rejects a cancelled run at once, tells the worker, keeps it and ignores the late answer', async () => {
		const { spawned, run } = setup();
		const controller = new AbortController();
		const cancelled = run(1, controller.signal);
		const next = run(2);
		controller.abort();
		await expect(cancelled).rejects.toEqual(new PilotError('cancelled'));
		const [worker] = spawned;
		expect(worker.calls.at(-1)).toEqual({ type: 'cancel', id: 1 });
		expect(worker.terminated).toBe(false);
		worker.answer(1, 10);
		worker.answer(2, 20);
		await expect(next).resolves.toBe(20);
		await expect(run(3, AbortSignal.abort())).rejects.toEqual(new PilotError('cancelled'));
	});

	it('fails every running request on a crash, and the next run spawns a fresh worker', async () => {
		const { spawned, run } = setup();
		const runs = [run(1), run(2)];
		spawned[0].onerror?.({ message: 'boom' } as ErrorEvent);
		for (const r of runs)
			await expect(r).rejects.toEqual(new PilotError('unexpected', { context: 'test', cause: 'boom' }));
		expect(spawned[0].terminated).toBe(true);
		const after = run(3);
		expect(spawned).toHaveLength(2);
		spawned[1].answer(3, 30);
		await expect(after).resolves.toBe(30);
	});
});
