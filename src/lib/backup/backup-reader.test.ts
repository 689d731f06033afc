import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { PilotDB } from '$lib/db/pilot-db';
import { errorMessage } from '$lib/i18n/errors';
import { createBackup } from './backup-engine';
import { readBackupFile, restoreBackup } from './backup-restore';
import { sha256Hex } from './digests';
import { badBackups, rezippedByUser, zipBomb } from '../../../tests/support/bad-backups';

let db: PilotDB;
let valid: Uint8Array;

beforeAll(async () => {
	db = new PilotDB(`reader-${Math.random()}`);
	await db.claims.put({
		id: 'c1',
		tracking: 'TEST123',
		partner: 'Partenaire Test',
		amountCents: 1000
	} as never);
	valid = new Uint8Array(await (await createBackup(db)).blob.arrayBuffer());
});
afterAll(async () => {
	db.close();
	await Dexie.delete(db.name);
});

async function failure(
	bytes: Uint8Array,
	name: string,
	limits?: { maxEntryBytes: number; maxTotalBytes: number }
) {
	try {
		await readBackupFile(db, new Blob([bytes as Uint8Array<ArrayBuffer>]), { fileName: name, limits });
	} catch (error) {
		return errorMessage(error);
	}
	throw new Error(`${name} a été accepté`);
}

describe('bad backup files', () => {
	for (const { name } of badBackups(new Uint8Array(0))) {
		if (name === 'bombe.zip') continue;
		it(`refuses ${name} with a French message naming what is wrong`, async () => {
			const file = badBackups(valid).find((b) => b.name === name)!;
			const message = await failure(file.bytes(), file.name);
			expect(message).toMatch(file.message);
			expect(message).toContain(file.name);
		});
	}

	it('stops a compression bomb while inflating (one entry over the ceiling)', async () => {
		const message = await failure(zipBomb('manifest.json', 40 * 1024 * 1024), 'bombe.zip', {
			maxEntryBytes: 8 * 1024 * 1024,
			maxTotalBytes: 64 * 1024 * 1024
		});
		expect(message).toMatch(/se décompresse en plus de 8 Mo \(entrée « manifest\.json »\).*bombe/);
	});

	it('stops an archive whose entries together exceed the total ceiling', async () => {
		// Three genuine 6 MB entries, each under the 8 MB entry ceiling, 18 MB together.
		const entries: Record<string, Uint8Array> = unzipSync(valid);
		for (const fill of [1, 2, 3]) {
			const six = new Uint8Array(6 * 1024 * 1024).fill(fill);
			entries[`blobs/${await sha256Hex(six)}`] = six;
		}
		const zip = zipSync(entries);
		const message = await failure(zip, 'gros.zip', {
			maxEntryBytes: 8 * 1024 * 1024,
			maxTotalBytes: 16 * 1024 * 1024
		});
		expect(message).toMatch(/plus de 16 Mo/);
	});

	it('recognises a legacy Streamlit backup and sends it to the legacy import', async () => {
		const legacy = readFileSync(
			'tests/fixtures/backup/legacy/pilot_GREENLOG_backup_20261218_174205_pandas-3.0.6.zip'
		);
		const message = await failure(legacy, 'pilot_GREENLOG_backup_20261218_174205.zip');
		expect(message).toMatch(/ancienne application Pilot/);
		expect(message).toContain('onglet « Restaurer »');
	});

	it('refuses a file whose attached Blob was altered, naming it', async () => {
		const other = new PilotDB(`blob-${Math.random()}`);
		const blob = new Blob(['photo'], { type: 'image/png' });
		await other.claimAttachments.put({
			id: 'a',
			claimId: 'c',
			name: 'p.png',
			type: 'image/png',
			size: 5,
			sha256: '',
			blob,
			addedAt: 1
		});
		const { unzipSync } = await import('fflate');
		const entries = unzipSync(new Uint8Array(await (await createBackup(other)).blob.arrayBuffer()));
		const name = Object.keys(entries).find((n) => n.startsWith('blobs/'))!;
		entries[name] = strToU8('autre');
		expect(await failure(zipSync(entries), 'x.zip')).toMatch(
			/altérée : le contenu de la table « blobs\/[0-9a-f]{64} »/
		);
		other.close();
		await Dexie.delete(other.name);
	});

	it('refuses a manifest that is not JSON', async () => {
		const zip = zipSync({ 'manifest.json': strToU8('{ pas du json'), 'LISEZMOI.txt': strToU8('x') });
		expect(await failure(zip, 'x.zip')).toMatch(/fichier manifest\.json n'est pas du JSON valide/);
	});

	it('refuses a backup of a newer schema', async () => {
		const { unzipSync } = await import('fflate');
		const entries = unzipSync(valid);
		const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json']));
		manifest.schemaVersion = 999;
		entries['manifest.json'] = strToU8(JSON.stringify(manifest));
		expect(await failure(zipSync(entries), 'x.zip')).toMatch(/schéma 999.*mettez à jour l'application/);
	});
});

describe('tolerated archives', () => {
	it('restores a backup unzipped and re-zipped by the user (top folder, __MACOSX, .DS_Store)', async () => {
		await db.claims.clear();
		await restoreBackup(db, new Blob([rezippedByUser(valid) as Uint8Array<ArrayBuffer>]));
		expect((await db.claims.get('c1'))?.tracking).toBe('TEST123');
	});
});
