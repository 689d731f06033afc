/**
 * Older backups keep restoring: one fixture per format/schema version (tests/fixtures/backup/),
 * each restored into today's database; and a backup of an older schema goes through the app's
 * own Dexie upgrades (schema-upgrade.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { PilotDB } from '$lib/db/pilot-db';
import { unpackRows } from '$lib/db/chunk-codec';
import { SCHEMA_V1, SCHEMA_V2 } from '$lib/db/schema';
import { createBackup } from './backup-engine';
import { applyRestore, readBackupFile, restoreBackup } from './backup-restore';
import { upgradeBackupSchema, type SchemaHistory } from './schema-upgrade';
import type { ParsedBackup } from './backup-reader';
import type { Manifest } from './backup-format';

const opened: Dexie[] = [];
afterEach(async () => {
	for (const db of opened.splice(0)) {
		db.close();
		await Dexie.delete(db.name);
	}
});

const fixture = (name: string) => new Blob([readFileSync(`tests/fixtures/backup/${name}`)]);

describe('backup fixtures of every version', () => {
	it('restores format 1 / schema 1 into the current database', async () => {
		const db = new PilotDB(`v1-${Math.random()}`);
		opened.push(db);
		const parsed = await readBackupFile(db, fixture('pilot-backup-format1-schema1.zip'), { worker: false });
		// A format-1 manifest is read as format 2 (same shape; format 2 only added binary entries).
		expect(parsed.manifest.formatVersion).toBe(2);
		expect(parsed.manifest.schemaVersion).toBe(1);
		await applyRestore(db, parsed);
		const claim = await db.claims.get('claim-test123');
		expect(claim?.tracking).toBe('TEST123');
		expect(claim?.amountCents).toBe(1000);
		expect(claim?.history[0].to).toBe('En attente');
		const attachment = await db.claimAttachments.get('att-1');
		expect(attachment?.blob.type).toBe('image/png');
		expect([...new Uint8Array(await attachment!.blob.arrayBuffer())]).toEqual([137, 80, 78, 71, 1, 2, 3]);
		const dataset = await db.datasets('dpd').get('ds-1');
		expect(await dataset?.original.text()).toBe('Tracking;Montant\nTEST123;10,00\n');
		// Schema 1 stored rows as objects: the app's own v2 upgrade packs them on the way in.
		const chunk = await db.chunks('dpd').get(['ds-1', 0]);
		expect(chunk).toMatchObject({ datasetId: 'ds-1', index: 0, rowCount: 1 });
		expect(await unpackRows(chunk!.data)).toEqual([{ Tracking: 'TEST123', Montant: 1000, _line: 2 }]);
		expect((await db.settings.get('user.name'))?.value).toBe('Camille Martin');
	});
	it('restores format 2 / schema 2, packed chunk rows byte for byte', async () => {
		const db = new PilotDB(`v2-${Math.random()}`);
		opened.push(db);
		const parsed = await readBackupFile(db, fixture('pilot-backup-format2-schema2.zip'), { worker: false });
		expect(parsed.manifest).toMatchObject({ formatVersion: 2, schemaVersion: 2 });
		expect(parsed.manifest.binaries).toEqual({ count: 1, bytes: 11518 });
		await applyRestore(db, parsed);
		expect((await db.claims.get('claim-test123'))?.history[0].by).toBe('Camille Martin');
		const attachment = await db.claimAttachments.get('att-1');
		expect([...new Uint8Array(await attachment!.blob.arrayBuffer())]).toEqual([137, 80, 78, 71, 1, 2, 3]);
		expect(await (await db.datasets('dpd').get('ds-1'))?.original.text()).toBe(
			'Tracking;Montant\nTEST123;10,00\n'
		);
		const chunk = await db.chunks('dpd').get(['ds-1', 0]);
		expect(chunk?.data).toBeInstanceOf(Uint8Array);
		const rows = await unpackRows<{ Tracking: string; Montant: number }>(chunk!.data);
		expect(rows).toHaveLength(1500);
		expect(rows[1499]).toEqual({ Tracking: 'TEST1622', Montant: 2499, _line: 1501 });
	});
});

describe('older schema', () => {
	it("a schema-2 backup's archives come back naming their files by SHA-256 (v4)", async () => {
		const old = new Dexie(`v2-archives-${Math.random()}`);
		opened.push(old);
		old.version(1).stores(SCHEMA_V1);
		old.version(2).stores(SCHEMA_V2);
		const sha256 = 'f'.repeat(64);
		await old.table('dpdDatasets').put({
			id: 'ds-1',
			slot: 'predict',
			fileName: 'DPD_PREDICT.xlsx',
			sha256,
			original: new Blob(['contenu']),
			size: 7,
			period: '2026-11',
			rowCount: 3,
			chunkCount: 0,
			columns: [],
			importedAt: 1,
			dateRange: null,
			skipped: [],
			meta: {}
		});
		const file = { fileName: 'DPD_PREDICT.xlsx', slot: 'predict', rowCount: 3 };
		await old.table('library').put({
			id: 'L1',
			module: 'dpd',
			period: '2026-11',
			title: 'DPD — Novembre 2026',
			createdAt: 1,
			rowCount: 3,
			dateRange: null,
			partners: [],
			datasetIds: ['ds-1'],
			result: { files: [{ datasetId: 'ds-1', ...file }] }
		});
		const backup = await createBackup(old);
		expect(backup.manifest.schemaVersion).toBe(2);

		const db = new PilotDB(`v4-restore-${Math.random()}`);
		opened.push(db);
		await restoreBackup(db, backup.blob);
		const archive = await db.library.get('L1');
		expect(archive).not.toHaveProperty('datasetIds');
		expect(archive?.sources).toEqual([{ sha256, fileName: 'DPD_PREDICT.xlsx' }]);
		expect(archive?.result).toStrictEqual({ files: [{ sha256, ...file }] });
	});

	it('runs the app migrations on a backup made before them', async () => {
		const history: SchemaHistory = {
			versions: [
				{ version: 1, stores: { claims: 'id' } },
				{ version: 2, stores: { claims: 'id, carrier', notes: 'id' } }
			],
			migrations: {
				2: async (tx) => {
					await tx
						.table('claims')
						.toCollection()
						.modify((c: { carrier?: string; transporteur?: string }) => {
							c.carrier = c.transporteur;
							delete c.transporteur;
						});
				}
			}
		};
		const backup = {
			manifest: { schemaVersion: 1 } as Manifest,
			tables: { claims: { records: [{ id: 'a', transporteur: 'DPD' }] } },
			encrypted: false
		} satisfies ParsedBackup;
		const tables = await upgradeBackupSchema(backup, 2, history);
		expect(tables.claims.records).toEqual([{ id: 'a', carrier: 'DPD' }]);
		expect(tables.notes.records).toEqual([]);
	});
});
