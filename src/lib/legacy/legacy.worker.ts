/// <reference lib="webworker" />
/**
 * Legacy import worker: unzips an old-app backup and decodes its pickles as data (never executed),
 * off the page's thread. Protocol: { file, fileName } → { progress } … then { content } | { error }.
 */
import { serializeError } from '$lib/backup/worker-errors';
import { readLegacyPickle } from './pickle';
import { readLegacyZip } from './legacy.read';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<{ file: Blob; fileName: string }>) => {
	const { file, fileName } = event.data;
	try {
		const content = await readLegacyZip(file, fileName, readLegacyPickle, (done, total) =>
			scope.postMessage({ progress: [done, total] })
		);
		scope.postMessage({ content });
	} catch (error) {
		scope.postMessage({ error: serializeError(error) });
	}
};
