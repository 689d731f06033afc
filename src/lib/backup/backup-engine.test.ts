import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { createHash } from 'node:crypto';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { testChunks, testDataset } from '$lib/db/dataset.testing';
import { PilotDB, db as appDb } from '$lib/db/pilot-db';
import { withWrite } from '$lib/db/write-lock';
import { createBackup } from './backup-engine';
import { applyRestore, readBackupFile, restoreBackup } from './backup-restore';

let db: PilotDB;
beforeEach(async () => {
	db = new PilotDB(`engine-${Math.random()}`);
	await db.open();
});
afterEach(async () => {
	db.close();
	await Dexie.delete(db.name);
});

const claim = (id: string, extra: Record<string, unknown> = {}) =>
	({
		id,
		date: '2026-11-27',
		tracking: 'TEST123',
		partner: 'Partenaire Test',
		carrier: 'DPD',
		amountCents: 1000,
		history: [],
		...extra
	}) as never;

describe('createBackup / restoreBackup', () => {
	it('round-trips records, Blobs and special values', async () => {
		await db.claims.bulkPut([
			claim('a', {
				weird: -0,
				n: NaN,
				big: 2 ** 60,
				d: new Date(7),
				$: 'tag',
				u8: new Uint8Array([1, 2, 3])
			}),
			claim('b')
		]);
		const blob = new Blob(['contenu du fichier'], { type: 'text/csv' });
		await db.claimAttachments.put({
			id: 'x',
			claimId: 'a',
			name: 'a.csv',
			type: 'text/csv',
			size: blob.size,
			sha256: 'h',
			blob,
			addedAt: 1
		});
		await db.claimAttachments.put({
			id: 'y',
			claimId: 'a',
			name: 'b.csv',
			type: 'text/csv',
			size: blob.size,
			sha256: 'h',
			blob,
			addedAt: 2
		});
		const [chunk] = testChunks('d1', [{ a: 1, _line: 2 }]);
		await db.chunks('dpd').put(chunk);

		const backup = await createBackup(db);
		expect(backup.verified).toBe(true);
		expect(backup.manifest.tables.claims.rows).toBe(2);
		expect(backup.manifest.tables.claims.owner).toBe('indemnisations');
		expect(backup.manifest.excluded.snapshots.reason).toMatch(/Instantanés/);
		// RULINGS 15: the snapshot table is the only one left out, and every other table is written.
		expect(Object.keys(backup.manifest.excluded)).toEqual(['snapshots']);
		expect(Object.keys(backup.manifest.tables).sort()).toEqual(
			db.tables
				.map((t) => t.name)
				.filter((n) => n !== 'snapshots')
				.sort()
		);
		expect(backup.manifest.blobs.count).toBe(1);
		expect(backup.fileName).toMatch(/^pilot_GREENLOG_backup_\d{8}_\d{6}\.zip$/);

		const before = { claims: await db.claims.toArray(), att: await db.claimAttachments.toArray() };
		await Promise.all(db.tables.map((t) => t.clear()));
		await restoreBackup(db, backup.blob);
		const claims = await db.claims.toArray();
		expect(claims).toEqual(before.claims);
		expect(Object.is((claims[0] as unknown as { weird: number }).weird, -0)).toBe(true);
		const att = await db.claimAttachments.toArray();
		expect(await att[1].blob.text()).toBe('contenu du fichier');
		expect(att[1].blob.type).toBe('text/csv');
		expect(await db.chunks('dpd').get(['d1', 0])).toEqual(chunk);
	});

	it('brings back every record of a table larger than one slice', async () => {
		const many = Array.from({ length: 5000 }, (_, i) => claim(`c${String(i).padStart(5, '0')}`));
		await db.claims.bulkPut(many);
		const backup = await createBackup(db);
		await db.claims.clear();
		await restoreBackup(db, backup.blob);
		expect(await db.claims.count()).toBe(5000);
		expect((await db.claims.toCollection().primaryKeys()).join()).toBe(
			many.map((c) => (c as { id: string }).id).join()
		);
	});

	it('restores chosen modules only, and merges by key on request', async () => {
		await db.claims.put(claim('a'));
		await db.library.put({
			id: 'L1',
			module: 'dpd',
			period: '2026-10',
			title: 't',
			createdAt: 1,
			rowCount: 0,
			dateRange: null,
			partners: [],
			sources: [],
			result: null
		});
		const backup = await createBackup(db);
		await db.claims.clear();
		await db.claims.put(claim('new'));
		await db.library.clear();
		const parsed = await readBackupFile(db, backup.blob);
		await applyRestore(db, parsed, { modules: ['indemnisations'], mode: 'merge' });
		expect((await db.claims.toArray()).map((c) => c.id).sort()).toEqual(['a', 'new']);
		expect(await db.library.count()).toBe(0);
		await applyRestore(db, parsed, { modules: ['indemnisations'] });
		expect((await db.claims.toArray()).map((c) => c.id)).toEqual(['a']);
	});

	it('backs up a table added to a subclass without touching backup code', async () => {
		class Extended extends PilotDB {
			constructor(name: string) {
				super(name);
				this.version(50).stores({ extraThings: '++id, name' });
			}
		}
		const ext = new Extended(`ext-${Math.random()}`);
		await ext.table('extraThings').bulkAdd([{ name: 'un' }, { name: 'deux' }]);
		const backup = await createBackup(ext);
		expect(backup.manifest.tables.extraThings.rows).toBe(2);
		await ext.table('extraThings').clear();
		await restoreBackup(ext, backup.blob);
		expect(await ext.table('extraThings').toArray()).toEqual([
			{ id: 1, name: 'un' },
			{ id: 2, name: 'deux' }
		]);
		ext.close();
		await Dexie.delete(ext.name);
	});

	it('can be cancelled midway, and then releases the write lock', async () => {
		await db.claims.bulkPut(Array.from({ length: 600 }, (_, i) => claim(`c${i}`)));
		const controller = new AbortController();
		const cancelled = createBackup(db, {
			signal: controller.signal,
			onProgress: (p) => {
				if (p.rows > 0) controller.abort();
			}
		});
		await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
		await expect(
			withWrite([appDb.settings], () => appDb.settings.put({ key: 'k', value: 1, updatedAt: 1 }))
		).resolves.toBe('k');
	});

	it('writes nothing when the transaction fails midway', async () => {
		await db.claims.bulkPut([claim('a'), claim('b')]);
		await db.library.put({
			id: 'L1',
			module: 'dpd',
			period: '2026-10',
			title: 't',
			createdAt: 1,
			rowCount: 0,
			dateRange: null,
			partners: [],
			sources: [],
			result: null
		});
		const backup = await createBackup(db);
		await db.claims.put(claim('c'));
		await db.library.clear();
		const parsed = await readBackupFile(db, backup.blob);
		// The disk fills up while the last table is written: every table must stay as it was.
		const put = IDBObjectStore.prototype.put;
		IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
			if (this.name === 'settings') throw new DOMException('plein', 'QuotaExceededError');
			return put.apply(this, args);
		};
		parsed.tables.settings = { records: [{ key: 'k', value: 1, updatedAt: 1 }] };
		try {
			await expect(applyRestore(db, parsed)).rejects.toMatchObject({ name: 'QuotaExceededError' });
		} finally {
			IDBObjectStore.prototype.put = put;
		}
		expect((await db.claims.toArray()).map((c) => c.id).sort()).toEqual(['a', 'b', 'c']);
		expect(await db.library.count()).toBe(0);
	});

	it('gives a stored file without a CRC-32 one at the first backup, and leaves a wrong digest alone', async () => {
		const bytes = new TextEncoder().encode('colis;poids\n'.repeat(300));
		const sha256 = createHash('sha256').update(bytes).digest('hex');
		await db
			.datasets('dpd')
			.bulkPut([
				testDataset({ id: 'old', sha256, original: new Blob([bytes]), size: bytes.length }),
				testDataset({ id: 'wrong', sha256: 'f'.repeat(64), original: new Blob([bytes]), size: bytes.length })
			]);
		const backup = await createBackup(db);
		expect(backup.verified).toBe(true);
		expect((await db.datasets('dpd').get('old'))!.crc32).toBe(zlibCrc32(bytes));
		expect((await db.datasets('dpd').get('wrong'))!.crc32).toBeUndefined();
		const restored = await readBackupFile(db, backup.blob);
		expect(restored.tables.dpdDatasets.records).toHaveLength(2);
	});

	it('checks the Blobs while it writes: an altered one aborts the transaction, nothing is written', async () => {
		const content = new TextEncoder().encode('facture originale DPD novembre 2026 '.repeat(40));
		await db
			.datasets('dpd')
			.put(testDataset({ id: 'd1', original: new Blob([content]), size: content.length }));
		await db.claims.bulkPut([claim('a'), claim('b')]);
		const zip = new Uint8Array(await (await createBackup(db)).blob.arrayBuffer());
		// One byte of the stored original changes; the ZIP's structure and the table files stay valid.
		const at = zip.findIndex((_, i) => content.every((b, j) => zip[i + j] === b));
		expect(at).toBeGreaterThan(0);
		zip[at + 5] ^= 1;
		await db.claims.bulkPut([claim('c')]);
		await db.datasets('dpd').clear();

		const parsed = await readBackupFile(db, new Blob([zip]), { fileName: 'altérée.zip' });
		expect(parsed.unchecked).toHaveLength(1);
		await expect(applyRestore(db, parsed)).rejects.toMatchObject({
			code: 'checksum-mismatch',
			details: { file: 'altérée.zip', table: parsed.unchecked![0] }
		});
		expect((await db.claims.toArray()).map((c) => c.id).sort()).toEqual(['a', 'b', 'c']);
		expect(await db.datasets('dpd').count()).toBe(0);

		// The same file unaltered restores, its Blob checked the same way.
		zip[at + 5] ^= 1;
		const good = await readBackupFile(db, new Blob([zip]), { fileName: 'bonne.zip' });
		await applyRestore(db, good);
		expect((await db.claims.toArray()).map((c) => c.id).sort()).toEqual(['a', 'b']);
		const original = (await db.datasets('dpd').get('d1'))!.original;
		expect(new Uint8Array(await original.arrayBuffer())).toEqual(content);
	});
});
