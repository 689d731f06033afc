/**
 * Reads an old-app backup ZIP (in a worker): the same safe ZIP reader as Pilot backups (unsafe paths,
 * bombs), every entry listed with its size, and the pickles Pilot uses decoded as data by the pickle
 * reader — never executed. A ZIP with a metadata.json but no pickle, or with pickles the old app never
 * writes, is refused naming what it holds.
 */
import { openArchive } from '$lib/backup/archive-reader';
import { PilotError } from '$lib/i18n/errors';
import { isLegacyPickle, READ_PICKLES, type LegacyContent, type LegacyEntry } from './legacy.plan';

export type PickleDecoder = (bytes: Uint8Array, name: string) => unknown;

const METADATA = 'metadata.json';

function listed(entries: LegacyEntry[]): string {
	const shown = entries.slice(0, 12).map((e) => e.name);
	return shown.join(', ') + (entries.length > shown.length ? ` … (${entries.length} entrées)` : '');
}

export async function readLegacyZip(
	file: Blob,
	fileName: string,
	decode: PickleDecoder,
	onProgress?: (done: number, total: number) => void
): Promise<LegacyContent> {
	const archive = await openArchive(file, fileName, {
		marker: METADATA,
		onProgress: onProgress && ((read, total) => onProgress(Math.round((read / total) * 1000), 1000))
	});
	const names = archive.inFileOrder([...archive.entries.keys()]);
	archive.readAhead(names);
	const entries: LegacyEntry[] = [];
	const bytes = new Map<string, Uint8Array>();
	for (const name of names) {
		const data = await archive.bytes(name);
		entries.push({ name, size: data.length });
		if (READ_PICKLES.includes(name) || name === METADATA) bytes.set(name, data);
	}
	const pickles = entries.filter((e) => /^data\/[^/]+\.pkl$/.test(e.name));
	if (!pickles.length) throw new PilotError('legacy-empty', { file: fileName, found: listed(entries) });
	if (!pickles.some((e) => isLegacyPickle(e.name)))
		throw new PilotError('legacy-foreign', { file: fileName, found: listed(pickles) });
	const decoded: Record<string, unknown> = {};
	for (const name of READ_PICKLES) {
		const data = bytes.get(name);
		if (data) decoded[name] = decode(data, name);
	}
	let metadata: unknown = null;
	const meta = bytes.get(METADATA);
	try {
		metadata = meta ? JSON.parse(new TextDecoder().decode(meta)) : null;
	} catch {
		// Only the export date is read from it: an unreadable one is listed, not fatal.
	}
	return { fileName, entries, pickles: decoded, metadata };
}
