/**
 * Opens a backup file and checks it before anything is written: structure, manifest, format and
 * schema versions, every table's SHA-256 and row count, every line's JSON, every entry (Blob or
 * binary value) — or, with `deferBlobs`, every entry but the stored Blobs, which verifyEntries
 * checks while the restore's transaction writes (RULINGS 22: a mismatch aborts it). Returns the
 * decoded records, or throws a PilotError naming the file, table and line. Entries are read one
 * at a time: memory holds the largest entry, the table lines and the binary values — never the archive.
 */
import { PilotError } from '$lib/i18n/errors';
import { openArchive, type ReadLimits } from './archive-reader';
import {
	ENCRYPTED_FORMAT_NAME,
	FORMAT_NAME,
	FORMAT_VERSION,
	MANIFEST_ENTRY,
	PAYLOAD_ENTRY,
	BLOB_PREFIX,
	blobEntry,
	tableEntry,
	tableName,
	type EncryptedManifest,
	type Manifest
} from './backup-format';
import { entryRefsOf } from './record-codec';
import { decodeTable, entrySource, readTable, type TableData } from './backup-tables';
import { decryptPayload } from './backup-crypto';
import { isLegacyBackup } from './legacy-backup';
import { migrateManifest } from './backup-migrations';
import { sha256Hex } from './digests';

export interface ParsedBackup {
	manifest: Manifest;
	tables: Record<string, TableData>;
	/** The manifest of the file itself was encrypted. */
	encrypted: boolean;
	/** Stored entries whose SHA-256 is still to be checked (`deferBlobs`): see verifyEntries. */
	unchecked?: string[];
	/** The file read, for the check of `unchecked` while the restore writes (set by readBackupFile). */
	source?: { file: Blob; fileName: string; limits?: ReadLimits };
	/** Where a restore's time went: read + verify (worker), records to the page, schema upgrade, write. */
	timings?: { readMs: number; takeMs: number; upgradeMs: number; writeMs?: number };
}

export interface ReadOptions {
	fileName: string;
	password?: string;
	limits?: ReadLimits;
	/** Verify only: checksums and JSON, without building records (after a backup is created). */
	verifyOnly?: boolean;
	/**
	 * Leave the SHA-256 of stored Blobs unchecked (listed in `unchecked`), for verifyEntries to check
	 * while the restore writes. Not for encrypted files: their entries are in memory, checked at once.
	 */
	deferBlobs?: boolean;
	/** Newest schema this app knows; a backup with a newer one is refused. */
	currentSchemaVersion: number;
	onProgress?: (done: number, total: number) => void;
}

function parseJson(bytes: Uint8Array, file: string, entry: string): unknown {
	try {
		return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
	} catch (error) {
		throw new PilotError('malformed-json', { file, entry, cause: String(error) });
	}
}

/** Entries being hashed at once (each digest holds a copy of its entry). */
const HASHES_IN_FLIGHT = 8;

export async function readBackup(file: Blob, options: ReadOptions): Promise<ParsedBackup> {
	const { fileName } = options;
	const progress = options.onProgress;
	let archive = await openArchive(file, fileName, {
		limits: options.limits,
		marker: MANIFEST_ENTRY,
		onProgress: progress && ((read, total) => progress(Math.round((read / total) * 1000), 1000))
	});
	if (!archive.has(MANIFEST_ENTRY)) {
		if (isLegacyBackup([...archive.entries.keys()]))
			throw new PilotError('legacy-backup', { file: fileName });
		throw new PilotError('missing-manifest', { file: fileName });
	}
	let manifest = parseJson(await archive.bytes(MANIFEST_ENTRY), fileName, MANIFEST_ENTRY) as Record<
		string,
		unknown
	>;
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
		if (!archive.has(PAYLOAD_ENTRY))
			throw new PilotError('missing-table-file', {
				file: fileName,
				table: PAYLOAD_ENTRY,
				entry: PAYLOAD_ENTRY
			});
		const inner = await decryptPayload(await archive.bytes(PAYLOAD_ENTRY), outer, options.password, fileName);
		archive = await openArchive(new Blob([inner]), fileName, {
			limits: options.limits,
			marker: MANIFEST_ENTRY
		});
		if (!archive.has(MANIFEST_ENTRY)) throw new PilotError('missing-manifest', { file: fileName });
		manifest = parseJson(await archive.bytes(MANIFEST_ENTRY), fileName, MANIFEST_ENTRY) as Record<
			string,
			unknown
		>;
		encrypted = true;
	}
	const checked = checkManifest(manifest, options);
	// Tables first: their lines say which entries are Blobs and which are bytes to keep.
	const lines: Record<string, unknown[]> = {};
	// What the records want of each entry: its bytes (binary values) and/or a Blob of some type.
	const wanted = new Map<string, { bytes: boolean; blobType?: string; table: string }>();
	const tableEntries = archive.inFileOrder(Object.keys(checked.tables).map(tableEntry));
	archive.readAhead(tableEntries);
	for (const name of tableEntries.map(tableName)) {
		lines[name] = await readTable(archive, checked, name, fileName, options.verifyOnly === true);
		for (const value of lines[name])
			for (const ref of entryRefsOf(value)) {
				const want = wanted.get(ref.sha256) ?? { bytes: false, table: name };
				if (ref.kind === 'bytes') want.bytes = true;
				else want.blobType ??= ref.type;
				wanted.set(ref.sha256, want);
			}
	}
	// Every entry's bytes must hash to its name; only binary values stay in memory, a stored Blob
	// becomes a slice of the file itself. With `deferBlobs`, those slices are not read here: their
	// SHA-256 is checked by verifyEntries while the restore's transaction writes (RULINGS 22).
	const checks = hashChecks(fileName);
	const blobs = new Map<string, Blob>();
	const binaries = new Map<string, Uint8Array<ArrayBuffer>>();
	const stored = archive.inFileOrder([...archive.entries.keys()].filter((e) => e.startsWith(BLOB_PREFIX)));
	const hashOf = (entry: string) => entry.slice(BLOB_PREFIX.length);
	const deferrable = (entry: string) =>
		options.deferBlobs === true &&
		!encrypted &&
		!options.verifyOnly &&
		archive.entries.get(entry)!.method === 0 &&
		!wanted.get(hashOf(entry))?.bytes;
	const unchecked = stored.filter(deferrable);
	const now = stored.filter((e) => !deferrable(e));
	archive.readAhead(now);
	for (const entry of now) {
		const hash = hashOf(entry);
		const { bytes, shared } = await archive.view(entry);
		await checks.add(entry, bytes);
		if (options.verifyOnly) continue;
		const want = wanted.get(hash);
		if (want?.bytes) binaries.set(hash, shared ? bytes.slice() : bytes);
		// Each Blob made costs a round trip to the blob store: only for Blobs the records hold.
		if (want?.blobType !== undefined)
			blobs.set(
				hash,
				shared ? (await archive.slice(entry, want.blobType))! : new Blob([bytes], { type: want.blobType })
			);
	}
	await archive.locate(unchecked);
	for (const entry of unchecked) {
		const type = wanted.get(hashOf(entry))?.blobType;
		if (type !== undefined) blobs.set(hashOf(entry), (await archive.slice(entry, type))!);
	}
	await checks.done();
	for (const [hash, { table }] of wanted) {
		if (!blobs.has(hash) && !binaries.has(hash) && !options.verifyOnly)
			throw new PilotError('missing-blob', { file: fileName, table, entry: blobEntry(hash) });
		if (options.verifyOnly && !archive.has(blobEntry(hash)))
			throw new PilotError('missing-blob', { file: fileName, table, entry: blobEntry(hash) });
	}
	const tables: Record<string, TableData> = {};
	for (const name of Object.keys(checked.tables)) {
		tables[name] = options.verifyOnly
			? { records: [] }
			: decodeTable(lines[name], checked.tables[name], name, fileName, entrySource(blobs, binaries));
	}
	return { manifest: checked, tables, encrypted, ...(unchecked.length ? { unchecked } : {}) };
}

/** Entries hashed a few at once (the digest copies its input; the next entry is read meanwhile). */
function hashChecks(fileName: string) {
	const inFlight: Promise<void>[] = [];
	return {
		async add(entry: string, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
			const hash = entry.slice(BLOB_PREFIX.length);
			const check = sha256Hex(bytes).then((actual) => {
				if (actual !== hash) throw new PilotError('checksum-mismatch', { file: fileName, table: entry });
			});
			check.catch(() => {}); // awaited in turn; a failure is reported there
			inFlight.push(check);
			if (inFlight.length >= HASHES_IN_FLIGHT) await inFlight.shift();
		},
		done: () => Promise.all(inFlight).then(() => undefined)
	};
}

export interface VerifyEntriesOptions {
	fileName: string;
	/** Entries left unchecked by readBackup (`ParsedBackup.unchecked`). */
	entries: string[];
	limits?: ReadLimits;
}

/**
 * Checks the SHA-256 of entries readBackup left unchecked (stored Blobs, restored as slices of the
 * file): one forward pass over them, while the restore's transaction writes. Throws
 * 'checksum-mismatch' naming the entry; the caller then aborts that transaction.
 */
export async function verifyEntries(file: Blob, options: VerifyEntriesOptions): Promise<void> {
	const { fileName } = options;
	const archive = await openArchive(file, fileName, { limits: options.limits, marker: MANIFEST_ENTRY });
	const entries = archive.inFileOrder(options.entries);
	archive.readAhead(entries);
	const checks = hashChecks(fileName);
	for (const entry of entries) {
		if (!archive.has(entry)) throw new PilotError('missing-blob', { file: fileName, table: entry, entry });
		await checks.add(entry, (await archive.view(entry)).bytes);
	}
	await checks.done();
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
