/**
 * A backup's table files: each checked against the manifest (size, SHA-256, line count) and split into
 * JSON lines, then decoded into records whose Blob and binary values come from the archive's entries.
 * Every fault names the file, the table and the line.
 */
import { PilotError } from '$lib/i18n/errors';
import type { Archive } from './archive-reader';
import { tableEntry, type Manifest, type ManifestTable } from './backup-format';
import { sha256Hex } from './digests';
import { decodeValue, type BlobRef, type EntrySource } from './record-codec';

export interface TableData {
	records: unknown[];
	/** Keys of a table whose keys are outside its records. */
	keys?: unknown[];
}

export /** Blobs by content and type (the same bytes may be stored under several MIME types), bytes by copy. */
function entrySource(blobs: Map<string, Blob>, binaries: Map<string, Uint8Array<ArrayBuffer>>): EntrySource {
	const typed = new Map<string, Blob>();
	return {
		blob(ref: BlobRef) {
			const id = `${ref.sha256}|${ref.type}`;
			let blob = typed.get(id);
			if (!blob) {
				const stored = blobs.get(ref.sha256)!;
				blob = stored.type === ref.type ? stored : stored.slice(0, ref.size, ref.type);
				typed.set(id, blob);
			}
			if (ref.name !== undefined && typeof File !== 'undefined') {
				return new File([blob], ref.name, { type: ref.type, lastModified: ref.lastModified });
			}
			return blob;
		},
		bytes(sha256: string) {
			return binaries.get(sha256)!.slice();
		}
	};
}

export /**
 * A table file, checked (size, SHA-256, line count) and split into JSON values. `countOnly` (a
 * backup just written) checks the lines without parsing them.
 */
async function readTable(
	archive: Archive,
	manifest: Manifest,
	name: string,
	file: string,
	countOnly: boolean
): Promise<unknown[]> {
	const info = manifest.tables[name];
	const entry = tableEntry(name);
	if (!archive.has(entry)) throw new PilotError('missing-table-file', { file, table: name, entry });
	const bytes = await archive.bytes(entry);
	if (bytes.length !== info.bytes || (await sha256Hex(bytes)) !== info.sha256) {
		throw new PilotError('checksum-mismatch', { file, table: name });
	}
	if (countOnly) {
		let lines = 0;
		for (const byte of bytes) if (byte === 10) lines++;
		if (lines !== info.rows) {
			throw new PilotError('row-count-mismatch', { file, table: name, found: lines, expected: info.rows });
		}
		return [];
	}
	const lines = new TextDecoder().decode(bytes).split('\n');
	if (lines[lines.length - 1] === '') lines.pop();
	if (lines.length !== info.rows) {
		throw new PilotError('row-count-mismatch', {
			file,
			table: name,
			found: lines.length,
			expected: info.rows
		});
	}
	return lines.map((line, i) => {
		try {
			return JSON.parse(line);
		} catch (error) {
			throw new PilotError('malformed-json', {
				file,
				table: name,
				line: i + 1,
				cause: String(error)
			});
		}
	});
}

export function decodeTable(
	lines: unknown[],
	info: ManifestTable,
	name: string,
	file: string,
	entries: EntrySource
): TableData {
	const outbound = info.primKey?.keyPath === null;
	const records: unknown[] = [];
	const keys: unknown[] = [];
	for (let i = 0; i < lines.length; i++) {
		try {
			if (outbound) {
				const line = lines[i] as { key: unknown; value: unknown };
				keys.push(decodeValue(line.key, entries));
				records.push(decodeValue(line.value, entries));
			} else {
				records.push(decodeValue(lines[i], entries));
			}
		} catch (error) {
			if (error instanceof PilotError) throw error;
			throw new PilotError('malformed-json', {
				file,
				table: name,
				line: i + 1,
				cause: String(error)
			});
		}
	}
	return outbound ? { records, keys } : { records };
}
