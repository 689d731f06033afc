import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { BackupWriter } from './backup-writer';
import { readBackup } from './backup-reader';
import { fileDigestsOf } from './file-digests';

/** A stored file the writer must not read: its bytes come only through the ZIP that refers to it. */
class UnreadBlob extends Blob {
	override arrayBuffer(): Promise<ArrayBuffer> {
		throw new Error('read a second time');
	}
}

const bytes = new TextEncoder().encode('Numéro de tracking;Poids\n6A123;1200\n'.repeat(500));
const sha256 = createHash('sha256').update(bytes).digest('hex');

async function backupOf(record: Record<string, unknown>): Promise<Blob> {
	const writer = new BackupWriter();
	await writer.startTable({
		name: 'dpdDatasets',
		owner: 'dpd',
		label: 'Fichiers DPD',
		schema: 'id, sha256',
		primKey: { keyPath: 'id', auto: false }
	});
	await writer.addRecords([record]);
	const { blob } = await writer.finish({ schemaVersion: 2, createdAt: '2026-11-27T10:00:00Z', excluded: {} });
	return blob;
}

describe('files with their import digests', () => {
	it('are written from the SHA-256 and CRC-32 kept at import, without being read, and verify', async () => {
		const original = new UnreadBlob([bytes], { type: 'text/csv' });
		const zip = await backupOf({ id: 'd1', sha256, crc32: zlibCrc32(bytes), original });
		const parsed = await readBackup(zip, { fileName: 'b.zip', currentSchemaVersion: 2 });
		const restored = parsed.tables.dpdDatasets.records[0] as { original: Blob };
		expect(new Uint8Array(await restored.original.arrayBuffer())).toEqual(bytes);
	});

	it('a digest that does not match its file fails the verification after the backup', async () => {
		const other = createHash('sha256').update('autre').digest('hex');
		const zip = await backupOf({
			id: 'd1',
			sha256: other,
			crc32: zlibCrc32(bytes),
			original: new Blob([bytes])
		});
		await expect(
			readBackup(zip, { fileName: 'b.zip', currentSchemaVersion: 2, verifyOnly: true })
		).rejects.toMatchObject({ code: 'checksum-mismatch' });
	});

	it('are recognised only with one Blob beside a hex SHA-256', () => {
		const blob = new Blob([bytes]);
		expect(fileDigestsOf({ sha256, crc32: 5, original: blob })).toEqual({
			field: 'original',
			blob,
			sha256,
			crc32: 5
		});
		expect(fileDigestsOf({ sha256, original: blob })).toEqual({ field: 'original', blob, sha256 });
		expect(fileDigestsOf({ sha256: 'h', crc32: 5, original: blob })).toBeNull();
		expect(fileDigestsOf({ sha256, crc32: 5, a: blob, b: blob })).toBeNull();
		expect(fileDigestsOf({ sha256, crc32: -1, original: blob })?.crc32).toBeUndefined();
	});
});
