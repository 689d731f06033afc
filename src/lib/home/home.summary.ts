import { claimsTileSummary } from '$lib/claims/claims.repository';
import { db } from '$lib/db/pilot-db';
import { DATASET_STORES, type DatasetStore } from '$lib/db/schema';
import { plural } from '$lib/i18n/format';
import type { ModuleId } from '$lib/modules';

const STORE_BY_MODULE = Object.fromEntries(
	Object.entries(DATASET_STORES).map(([store, owner]) => [owner, store as DatasetStore])
) as Partial<Record<ModuleId, DatasetStore>>;

async function datasetSummary(store: DatasetStore): Promise<string> {
	const datasets = await db.datasets(store).toArray();
	if (datasets.length === 0) return 'Aucun fichier';
	const periods = new Set(datasets.map((d) => d.period).filter(Boolean));
	const rows = datasets.reduce((n, d) => n + d.rowCount, 0);
	const parts = [plural(datasets.length, 'fichier'), plural(rows, 'ligne')];
	if (periods.size) parts.unshift(plural(periods.size, 'période'));
	return parts.join(' · ');
}

/** What each home tile says its module holds, read live from the database. */
export async function moduleSummary(id: ModuleId): Promise<string> {
	const store = STORE_BY_MODULE[id];
	if (store) return datasetSummary(store);
	switch (id) {
		case 'indemnisations':
			return claimsTileSummary();
		case 'bibliotheque': {
			const n = await db.library.count();
			return n ? plural(n, 'analyse archivée', 'analyses archivées') : 'Bibliothèque vide';
		}
		default:
			return '';
	}
}

/** The last backup that left the device (downloaded, saved or shared), for the home reminder. */
export async function lastDeliveredBackup(): Promise<number | null> {
	const all = await db.backupHistory.orderBy('createdAt').reverse().toArray();
	return all.find((b) => b.delivery !== 'none')?.createdAt ?? null;
}
