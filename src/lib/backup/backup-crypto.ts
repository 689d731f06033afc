/**
 * Optional password: the whole backup ZIP is encrypted with AES-GCM (256-bit key from
 * PBKDF2-SHA-256, 600 000 iterations, random salt and IV) and stored as payload.bin inside an
 * outer ZIP whose manifest says only how to derive the key. GCM authenticates the payload, and
 * the outer manifest's parameters are bound to it as additional data.
 */
import { zipSync, strToU8 } from 'fflate';
import { PilotError } from '$lib/i18n/errors';
import {
	ENCRYPTED_FORMAT_NAME,
	FORMAT_VERSION,
	MANIFEST_ENTRY,
	PAYLOAD_ENTRY,
	README_ENTRY,
	type EncryptedManifest
} from './backup-format';

export const PBKDF2_ITERATIONS = 600_000;

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function deriveKey(
	password: string,
	salt: Uint8Array<ArrayBuffer>,
	iterations: number
): Promise<CryptoKey> {
	const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
		'deriveKey'
	]);
	return crypto.subtle.deriveKey(
		{ name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
		material,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
}

/** The outer manifest's fields that the ciphertext is bound to. */
function associatedData(m: EncryptedManifest): Uint8Array<ArrayBuffer> {
	return new TextEncoder().encode(JSON.stringify([m.format, m.formatVersion, m.cipher, m.kdf, m.iv]));
}

const README = `SAUVEGARDE PILOT BY GREENLOG — CHIFFRÉE

Cette sauvegarde est protégée par un mot de passe (AES-256-GCM, clé dérivée par PBKDF2-SHA-256).
Son contenu (payload.bin) ne peut être lu ni restauré sans ce mot de passe.

RESTAURATION
1. Ouvrez Pilot, « Sauvegarde & Restauration », onglet « Restaurer ».
2. Sélectionnez ce fichier .zip, saisissez le mot de passe, puis « Restaurer les données ».

Mot de passe perdu = sauvegarde illisible : personne ne peut le retrouver.
`;

export async function encryptBackup(inner: Blob, password: string): Promise<Blob> {
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const manifest: EncryptedManifest = {
		format: ENCRYPTED_FORMAT_NAME,
		formatVersion: FORMAT_VERSION,
		encrypted: true,
		cipher: 'AES-GCM',
		kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: PBKDF2_ITERATIONS, salt: b64(salt) },
		iv: b64(iv)
	};
	const key = await deriveKey(password, salt, PBKDF2_ITERATIONS);
	const cipher = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: associatedData(manifest) },
		key,
		await inner.arrayBuffer()
	);
	const zip = zipSync({
		[MANIFEST_ENTRY]: strToU8(JSON.stringify(manifest, null, 2)),
		[README_ENTRY]: strToU8(README),
		[PAYLOAD_ENTRY]: [new Uint8Array(cipher), { level: 0 }]
	});
	return new Blob([zip], { type: 'application/zip' });
}

export async function decryptPayload(
	payload: Uint8Array<ArrayBuffer>,
	manifest: EncryptedManifest,
	password: string,
	file: string
): Promise<Uint8Array<ArrayBuffer>> {
	let key: CryptoKey;
	let iv: Uint8Array<ArrayBuffer>;
	try {
		iv = unb64(manifest.iv);
		key = await deriveKey(password, unb64(manifest.kdf.salt), manifest.kdf.iterations);
	} catch {
		throw new PilotError('malformed-json', {
			file,
			entry: MANIFEST_ENTRY,
			reason: 'paramètres de chiffrement invalides'
		});
	}
	try {
		const plain = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv, additionalData: associatedData(manifest) },
			key,
			payload
		);
		return new Uint8Array(plain);
	} catch {
		throw new PilotError('wrong-password', { file });
	}
}
