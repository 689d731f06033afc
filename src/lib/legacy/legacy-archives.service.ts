/**
 * The old Bibliothèque re-created from the original files that came over: for each period and module
 * the old app archived, today's analysis of that module (today's rules, not the old tables and their
 * bugs) filed in the Bibliothèque under the old period.
 */
import { carrierFor } from '$lib/carriers';
import { libraryRecord } from '$lib/carriers/pipeline/carrier.archive';
import { computeAnalysis } from '$lib/carriers/pipeline/carrier.service';
import { pageSpec } from '$lib/carriers/pipeline/common.tabs';
import { db } from '$lib/db/pilot-db';
import type { LibraryRecord } from '$lib/db/records';
import { withWrite } from '$lib/db/write-lock';
import { retoursLibraryRecord } from '$lib/retours/retours.archive';
import { loadRetoursAnalysis, retoursDatasets } from '$lib/retours/retours.repository';
import type { LegacyArchive } from './legacy.library';

async function recordFor(archive: LegacyArchive, now: number): Promise<LibraryRecord | null> {
	const opts = { id: crypto.randomUUID(), now, period: archive.period };
	if (archive.module === 'retours') {
		const datasets = await retoursDatasets();
		return datasets.length ? retoursLibraryRecord(await loadRetoursAnalysis(), datasets, opts) : null;
	}
	if (!archive.module) return null;
	const module = carrierFor(archive.module, undefined);
	const computed = await computeAnalysis(module, null);
	if (!computed || !computed.files.length) return null;
	return libraryRecord(module.label, pageSpec(module), computed.analysis, computed.files, opts);
}

/** One archive per old (period, module), in one transaction; returns how many were filed. */
export async function recreateArchives(archives: LegacyArchive[]): Promise<number> {
	const now = Date.now();
	const records: LibraryRecord[] = [];
	for (const a of archives) {
		const record = await recordFor(a, now);
		if (record) records.push(record);
	}
	await withWrite([db.library], () => db.library.bulkAdd(records));
	return records.length;
}
