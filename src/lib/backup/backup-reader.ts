/**
 * Opens a backup file and checks everything before anything is written: structure, manifest,
 * format and schema versions, every table's SHA-256 and row count, every line's JSON, every
 * Blob. Returns the decoded records, or throws a PilotError naming the file, table and line.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { PilotError } from '$lib/i18n/errors';
import { readArchive, type ArchiveEntries, type ReadLimits } from './archive-reader';
import {
	ENCRYPTED_FORMAT_NAME,
	FORMAT_NAME,
	FORMAT_VERSION,
	MANIFEST_ENTRY,
	PAYLOAD_ENTRY,
	blobEntry,
	tableEntry,
	type EncryptedManifest,
	type Manifest
} from './backup-format';
import { blobRefsOf, decodeValue, type BlobRef } from './record-codec';
import { decryptPayload } from './backup-crypto';
import { describeLegacyBackup } from './legacy-backup';
import { migrateManifest } from './backup-migrations';
import { sha256Hex } from './backup-writer';

export interface TableData {
	records: unknown[];
	/** Keys of a table whose keys are outside its records. */
	keys?: unknown[];
}

export interface ParsedBackup {
	manifest: Manifest;
	tables: Record<string, TableData>;
	/** The manifest of the file itself was encrypted. */
	encrypted: boolean;
}

export interface ReadOptions {
	fileName: string;
	password?: string;
	limits?: ReadLimits;
	/** Verify only: checksums and JSON, without building records (after a backup is created). */
	verifyOnly?: boolean;
	/** Newest schema this app knows; a backup with a newer one is refused. */
	currentSchemaVersion: number;
	onProgress?: (done: number, total: number) => void;
}

function parseJson(bytes: Uint8Array, file: string, entry: string): unknown {
	try {
		return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
	} catch (error) {
		throw new PilotError('malformed-json', { file, entry, reason: (error as Error).message });
	}
}

function hex(bytes: Uint8Array): string {
	return bytesToHex(sha256(bytes));
}

export async function readBackup(file: Blob, options: ReadOptions): Promise<ParsedBackup> {
	const { fileName } = options;
	// Progress in thousandths: unzipping is the first half, checking the tables the second.
	const progress = options.onProgress;
	let entries = await readArchive(file, fileName, {
		limits: options.limits,
		marker: MANIFEST_ENTRY,
		onProgress: progress && ((read, total) => progress(Math.round((read / total) * 500), 1000))
	});
	let raw = entries.get(MANIFEST_ENTRY);
	if (!raw) {
		const legacy = describeLegacyBackup([...entries.keys()]);
		if (legacy) throw new PilotError('legacy-backup', { file: fileName, ...legacy });
		throw new PilotError('missing-manifest', { file: fileName });
	}
	let manifest = parseJson(raw, fileName, MANIFEST_ENTRY) as Record<string, unknown>;
	let encrypted = false;
	if (manifest?.format === ENCRYPTED_FORMAT_NAME) {
		const outer = manifest as unknown as EncryptedManifest;
		if (outer.formatVersion > FORMAT_VERSION) {
			throw new PilotError('newer-version', {
				file: fileName,
				what: 'format',
				found: outer.formatVersion,
				supported: FORMAT_VERSION
			});
		}
		if (!options.password) throw new PilotError('password-required', { file: fileName });
		const payload = entries.get(PAYLOAD_ENTRY);
		if (!payload)
			throw new PilotError('missing-table-file', {
				file: fileName,
				table: PAYLOAD_ENTRY,
				entry: PAYLOAD_ENTRY
			});
		const inner = await decryptPayload(payload, outer, options.password, fileName);
		entries = await readArchive(new Blob([inner]), fileName, {
			limits: options.limits,
			marker: MANIFEST_ENTRY
		});
		raw = entries.get(MANIFEST_ENTRY);
		if (!raw) throw new PilotError('missing-manifest', { file: fileName });
		manifest = parseJson(raw, fileName, MANIFEST_ENTRY) as Record<string, unknown>;
		encrypted = true;
	}
	const checked = checkManifest(manifest, options);
	const tables: Record<string, TableData> = {};
	const blobs = new Map<string, Blob>();
	// One Blob per content and type: the same bytes may be stored under several MIME types.
	const blobOf = (table: string) => (ref: BlobRef) => {
		const id = `${ref.sha256}|${ref.type}`;
		let blob = blobs.get(id);
		if (!blob) {
			const bytes = entries.get(blobEntry(ref.sha256));
			if (!bytes)
				throw new PilotError('missing-blob', { file: fileName, table, entry: blobEntry(ref.sha256) });
			blob = new Blob([bytes], { type: ref.type });
			blobs.set(id, blob);
		}
		if (ref.name !== undefined && typeof File !== 'undefined') {
			return new File([blob], ref.name, { type: ref.type, lastModified: ref.lastModified });
		}
		return blob;
	};
	// Every Blob's bytes must hash to its name (native digest: Blobs can be large).
	const verifiedBlobs = new Set<string>();
	for (const [entry, bytes] of entries) {
		if (!entry.startsWith('blobs/')) continue;
		const hash = entry.slice('blobs/'.length);
		if ((await sha256Hex(bytes)) !== hash)
			throw new PilotError('checksum-mismatch', { file: fileName, table: entry });
		verifiedBlobs.add(hash);
	}
	const names = Object.keys(checked.tables);
	for (const [index, name] of names.entries()) {
		tables[name] = readTable(
			entries,
			checked,
			name,
			fileName,
			verifiedBlobs,
			options.verifyOnly ? null : blobOf(name)
		);
		progress?.(500 + Math.round(((index + 1) / names.length) * 500), 1000);
	}
	return { manifest: checked, tables, encrypted };
}

function checkManifest(value: Record<string, unknown>, options: ReadOptions): Manifest {
	const file = options.fileName;
	if (value?.format !== FORMAT_NAME) {
		throw new PilotError('unknown-format', { file, format: String(value?.format ?? 'absent') });
	}
	const formatVersion = Number(value.formatVersion);
	if (!Number.isInteger(formatVersion) || formatVersion < 1) {
		throw new PilotError('unknown-format', {
			file,
			format: `${FORMAT_NAME} v${String(value.formatVersion)}`
		});
	}
	if (formatVersion > FORMAT_VERSION) {
		throw new PilotError('newer-version', {
			file,
			what: 'format',
			found: formatVersion,
			supported: FORMAT_VERSION
		});
	}
	const schemaVersion = Number(value.schemaVersion);
	if (schemaVersion > options.currentSchemaVersion) {
		throw new PilotError('newer-version', {
			file,
			what: 'schéma',
			found: schemaVersion,
			supported: options.currentSchemaVersion
		});
	}
	const manifest = migrateManifest(value);
	if (!manifest.tables || typeof manifest.tables !== 'object') {
		throw new PilotError('malformed-json', {
			file,
			entry: MANIFEST_ENTRY,
			reason: 'liste des tables absente'
		});
	}
	return manifest;
}

function readTable(
	entries: ArchiveEntries,
	manifest: Manifest,
	name: string,
	file: string,
	verifiedBlobs: Set<string>,
	blobOf: ((ref: BlobRef) => Blob) | null
): TableData {
	const info = manifest.tables[name];
	const entry = tableEntry(name);
	const bytes = entries.get(entry);
	if (!bytes) throw new PilotError('missing-table-file', { file, table: name, entry });
	if (bytes.length !== info.bytes || hex(bytes) !== info.sha256) {
		throw new PilotError('checksum-mismatch', { file, table: name });
	}
	if (!blobOf) {
		// Verifying a backup just written: sizes, hashes and line counts; Blobs checked by name below.
		let lines = 0;
		for (const byte of bytes) if (byte === 10) lines++;
		if (lines !== info.rows) {
			throw new PilotError('row-count-mismatch', { file, table: name, found: lines, expected: info.rows });
		}
		return { records: [] };
	}
	const text = new TextDecoder().decode(bytes);
	const lines = text.split('\n');
	if (lines[lines.length - 1] === '') lines.pop();
	if (lines.length !== info.rows) {
		throw new PilotError('row-count-mismatch', {
			file,
			table: name,
			found: lines.length,
			expected: info.rows
		});
	}
	const outbound = info.primKey?.keyPath === null;
	const records: unknown[] = [];
	const keys: unknown[] = [];
	for (let i = 0; i < lines.length; i++) {
		let json: unknown;
		try {
			json = JSON.parse(lines[i]);
		} catch (error) {
			throw new PilotError('malformed-json', {
				file,
				table: name,
				line: i + 1,
				reason: (error as Error).message
			});
		}
		// A line without any type tag is plain JSON already: nothing to decode, no Blob to check.
		if (!outbound && !lines[i].includes('"$"')) {
			records.push(json);
			continue;
		}
		for (const ref of blobRefsOf(json)) {
			if (!verifiedBlobs.has(ref.sha256)) {
				throw new PilotError('missing-blob', { file, table: name, entry: blobEntry(ref.sha256) });
			}
		}
		try {
			if (outbound) {
				const line = json as { key: unknown; value: unknown };
				keys.push(decodeValue(line.key, blobOf));
				records.push(decodeValue(line.value, blobOf));
			} else {
				records.push(decodeValue(json, blobOf));
			}
		} catch (error) {
			if (error instanceof PilotError) throw error;
			throw new PilotError('malformed-json', {
				file,
				table: name,
				line: i + 1,
				reason: (error as Error).message
			});
		}
	}
	return outbound ? { records, keys } : { records };
}
