/**
 * Main-thread side of the backup worker: the same BackupOps interface, each call a message.
 * Where Worker does not exist (Node tests), the ops run inline. Idle workers are kept for the
 * next backup (starting a module worker costs a fetch and a compile), one per running operation.
 */
import { createBackupOps, type BackupOps } from './backup-ops';
import { PilotError } from '$lib/i18n/errors';
import { reviveError, type SerializedError } from './worker-errors';

export interface OpsHandle {
	ops: BackupOps;
	setProgress(listener: ((done: number, total: number) => void) | undefined): void;
	/** Stops the worker at once (cancel); pending calls reject with a 'cancelled' error. */
	close(): void;
	/** The operation is over: the worker waits idle for the next one. */
	release(): void;
}

const OPS = [
	'start',
	'startTable',
	'addRecords',
	'finish',
	'abort',
	'digest',
	'read',
	'take',
	'drop',
	'verifyEntries'
] as const;
const idle: Worker[] = [];

/**
 * Runs calls one at a time, in the order they are made: a caller may queue the next call before the last
 * one is done (a backup reads the next records from IndexedDB while the worker zips the previous ones).
 */
function serialised(ops: BackupOps): BackupOps {
	let last: Promise<unknown> = Promise.resolve();
	return Object.fromEntries(
		OPS.map((op) => [
			op,
			(...args: unknown[]) => {
				const result = last.then(() => (ops[op] as (...a: unknown[]) => Promise<unknown>)(...args));
				last = result.catch(() => {});
				return result;
			}
		])
	) as unknown as BackupOps;
}

export function openBackupOps(useWorker = typeof Worker !== 'undefined'): OpsHandle {
	let listener: ((done: number, total: number) => void) | undefined;
	if (!useWorker) {
		return {
			ops: serialised(createBackupOps((d, t) => listener?.(d, t))),
			setProgress: (l) => (listener = l),
			close: () => {},
			release: () => {}
		};
	}
	let worker: Worker | null =
		idle.pop() ?? new Worker(new URL('./backup.worker.ts', import.meta.url), { type: 'module' });
	const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
	let next = 1;
	const rejectAll = (error: unknown) => {
		for (const call of pending.values()) call.reject(error);
		pending.clear();
	};
	worker.onmessage = (event: MessageEvent) => {
		const data = event.data as {
			id?: number;
			result?: unknown;
			error?: SerializedError;
			progress?: [number, number];
		};
		if (data.progress) return listener?.(...data.progress);
		const call = pending.get(data.id!);
		if (!call) return;
		pending.delete(data.id!);
		if (data.error) call.reject(reviveError(data.error));
		else call.resolve(data.result);
	};
	worker.onerror = (event) => {
		rejectAll(new Error(event.message || 'Erreur du worker de sauvegarde'));
		worker?.terminate();
		worker = null;
	};
	const call =
		(op: (typeof OPS)[number]) =>
		(...args: unknown[]) =>
			new Promise((resolve, reject) => {
				if (!worker) return reject(new PilotError('cancelled'));
				const id = next++;
				pending.set(id, { resolve, reject });
				worker.postMessage({ id, op, args });
			});
	return {
		ops: serialised(Object.fromEntries(OPS.map((op) => [op, call(op)])) as unknown as BackupOps),
		setProgress: (l) => (listener = l),
		close: () => {
			worker?.terminate();
			worker = null;
			rejectAll(new PilotError('cancelled'));
		},
		release: () => {
			if (!worker) return;
			if (pending.size > 0) {
				worker.terminate();
			} else {
				worker.onmessage = null;
				worker.onerror = null;
				idle.push(worker);
			}
			worker = null;
		}
	};
}
