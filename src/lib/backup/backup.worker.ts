/// <reference lib="webworker" />
/**
 * Backup worker: runs BackupOps off the main thread so the page never freezes while zipping,
 * hashing or unzipping. Protocol: { id, op, args } → { id, result } | { id, error }, plus
 * { progress: [done, total] } messages while reading.
 */
import { createBackupOps, type BackupOps } from './backup-ops';
import { serializeError } from './worker-errors';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const ops = createBackupOps((done, total) => scope.postMessage({ progress: [done, total] }));

scope.onmessage = async (event: MessageEvent<{ id: number; op: keyof BackupOps; args: unknown[] }>) => {
	const { id, op, args } = event.data;
	try {
		const result = await (ops[op] as (...a: unknown[]) => Promise<unknown>)(...args);
		scope.postMessage({ id, result });
	} catch (error) {
		scope.postMessage({ id, error: serializeError(error) });
	}
};
