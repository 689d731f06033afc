/**
 * Main-thread side of the backup worker: the same BackupOps interface, each call a message.
 * Where Worker does not exist (Node tests), the ops run inline.
 */
import { createBackupOps, type BackupOps } from './backup-ops';
import { PilotError } from '$lib/i18n/errors';
import { reviveError, type SerializedError } from './worker-errors';

export interface OpsHandle {
	ops: BackupOps;
	setProgress(listener: ((done: number, total: number) => void) | undefined): void;
	/** Stops the worker at once (cancel); pending calls reject with a 'cancelled' error. */
	close(): void;
}

export function openBackupOps(useWorker = typeof Worker !== 'undefined'): OpsHandle {
	let listener: ((done: number, total: number) => void) | undefined;
	if (!useWorker) {
		return {
			ops: createBackupOps((d, t) => listener?.(d, t)),
			setProgress: (l) => (listener = l),
			close: () => {}
		};
	}
	const worker = new Worker(new URL('./backup.worker.ts', import.meta.url), { type: 'module' });
	const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
	let next = 1;
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
		for (const call of pending.values())
			call.reject(new Error(event.message || 'Erreur du worker de sauvegarde'));
		pending.clear();
	};
	const call =
		(op: keyof BackupOps) =>
		(...args: unknown[]) =>
			new Promise((resolve, reject) => {
				const id = next++;
				pending.set(id, { resolve, reject });
				worker.postMessage({ id, op, args });
			});
	const ops = Object.fromEntries(
		(['start', 'startTable', 'addRecords', 'finish', 'abort', 'read'] as const).map((op) => [op, call(op)])
	) as unknown as BackupOps;
	return {
		ops,
		setProgress: (l) => (listener = l),
		close: () => {
			worker.terminate();
			for (const c of pending.values()) c.reject(new PilotError('cancelled'));
			pending.clear();
		}
	};
}
