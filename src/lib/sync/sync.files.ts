/**
 * Files arriving from the team go through the intake like a file the user drops: parsed in the
 * intake worker, stored (dataset + rows) in one transaction. Only the original travels; the rows
 * are recomputed here.
 */
import type { DatasetStore } from '$lib/db/schema';
import { PilotError } from '$lib/i18n/errors';
import { deleteDatasets, listDatasets } from '$lib/intake/datasets.repository';
import { parseInWorker, storeParsed } from '$lib/intake/intake.service';
import type { BridgeHooks } from './sync.bridge';

export const fileHooks: BridgeHooks = {
	async importFile(data, original) {
		const file = new File([original], data.fileName, { type: original.type });
		const parsed = await parseInWorker(file, data.parser);
		try {
			await storeParsed(data.store, data.slot, parsed, original, {
				period: data.period,
				skipBadLines: data.skippedLines > 0
			});
		} catch (err) {
			// Imported here meanwhile (the same bytes): one file, nothing to add.
			if (!(err instanceof PilotError && err.code === 'already-imported')) throw err;
		}
	},
	async deleteFile({ store, sha256 }) {
		const ids = (await listDatasets(store as DatasetStore))
			.filter((d) => d.sha256 === sha256)
			.map((d) => d.id);
		if (ids.length) await deleteDatasets(store as DatasetStore, ids);
	}
};
