import { describe, expect, it } from 'vitest';
import { openBackupOps } from './worker-client';

const table = (name: string) => ({
	name,
	owner: 'test',
	label: name,
	schema: 'id',
	primKey: { keyPath: 'id', auto: false }
});

describe('openBackupOps', () => {
	it('runs calls in the order they are made, even when the caller does not wait for each', async () => {
		const { ops, release } = openBackupOps(false);
		const calls = [
			ops.start(),
			ops.startTable(table('a')),
			ops.addRecords([{ id: 1, blob: new Blob([new Uint8Array(4096).fill(7)]) }]),
			ops.addRecords([{ id: 2 }, { id: 3 }]),
			ops.startTable(table('b')),
			ops.addRecords([{ id: 'x' }])
		];
		const finished = ops.finish({ schemaVersion: 1, createdAt: '2026-11-28T00:00:00.000Z', excluded: {} });
		await Promise.all(calls);
		const { manifest } = await finished;
		release();
		expect(manifest.tables.a).toMatchObject({ rows: 3, blobs: 1, blobBytes: 4096 });
		expect(manifest.tables.b).toMatchObject({ rows: 1, blobs: 0 });
	});

	it('reports a failed call to its caller and still runs the calls queued after it', async () => {
		const { ops, release } = openBackupOps(false);
		const started = ops.start();
		const orphan = ops.addRecords([{ id: 1 }]); // no table open yet
		const opened = ops.startTable(table('a'));
		const added = ops.addRecords([{ id: 1 }]);
		await expect(orphan).rejects.toThrow('Aucune table ouverte');
		await Promise.all([started, opened, added]);
		const { manifest } = await ops.finish({ schemaVersion: 1, createdAt: '', excluded: {} });
		release();
		expect(manifest.tables.a.rows).toBe(1);
	});
});
