import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { PilotDB } from '$lib/db/pilot-db';
import { errorMessage } from '$lib/i18n/errors';
import { createBackup } from './backup-engine';
import { readBackupFile } from './backup-restore';
import { PBKDF2_ITERATIONS } from './backup-crypto';

describe('password-protected backups', () => {
	it('encrypt the whole payload, reveal nothing outside, and need the right password', async () => {
		const db = new PilotDB(`crypto-${Math.random()}`);
		await db.claims.put({ id: 'secret-claim', tracking: 'TEST123' } as never);
		const backup = await createBackup(db, { password: 'cheval-correct-42', worker: false });
		expect(backup.encrypted).toBe(true);
		expect(backup.verified).toBe(true);

		const entries = unzipSync(new Uint8Array(await backup.blob.arrayBuffer()));
		expect(Object.keys(entries).sort()).toEqual(['LISEZMOI.txt', 'manifest.json', 'payload.bin']);
		const outer = JSON.parse(new TextDecoder().decode(entries['manifest.json']));
		expect(outer).toMatchObject({
			encrypted: true,
			cipher: 'AES-GCM',
			kdf: { name: 'PBKDF2', hash: 'SHA-256' }
		});
		expect(outer.kdf.iterations).toBeGreaterThanOrEqual(600_000);
		expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
		const everything = new TextDecoder('latin1').decode(new Uint8Array(await backup.blob.arrayBuffer()));
		expect(everything).not.toContain('secret-claim');
		expect(everything).not.toContain('claims');

		const message = (e: unknown) => errorMessage(e);
		await expect(readBackupFile(db, backup.blob, { worker: false }).catch(message)).resolves.toMatch(
			/chiffrée/
		);
		await expect(
			readBackupFile(db, backup.blob, { worker: false, password: 'faux' }).catch(message)
		).resolves.toMatch(/Mot de passe incorrect/);
		const parsed = await readBackupFile(db, backup.blob, { worker: false, password: 'cheval-correct-42' });
		expect(parsed.encrypted).toBe(true);
		expect(parsed.tables.claims.records).toEqual([{ id: 'secret-claim', tracking: 'TEST123' }]);

		// A flipped byte of the ciphertext is caught by GCM's authentication.
		const tampered = { ...entries, 'payload.bin': entries['payload.bin'].slice() };
		tampered['payload.bin'][20] ^= 1;
		const { zipSync } = await import('fflate');
		const bad = new Blob([zipSync(tampered)]);
		await expect(
			readBackupFile(db, bad, { worker: false, password: 'cheval-correct-42' }).catch(message)
		).resolves.toMatch(/Mot de passe incorrect pour la sauvegarde .* \(ou fichier altéré\)/);
		db.close();
	});
});
