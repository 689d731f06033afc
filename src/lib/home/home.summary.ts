import { attendusTileSummary } from '$lib/attendus/attendus.repository';
import { claimsTileSummary } from '$lib/claims/claims.repository';
import { db } from '$lib/db/pilot-db';
import type { DatasetRecord } from '$lib/db/records';
import { DATASET_STORES, type DatasetStore } from '$lib/db/schema';
import { plural } from '$lib/i18n/format';
import { retoursTileSummary } from '$lib/retours/retours.repository';
import type { ModuleId } from '$lib/modules';
import { REFACT_CARRIERS } from '$lib/refacturation/refacturation.consolidate';

const STORE_BY_MODULE = Object.fromEntries(
	Object.entries(DATASET_STORES).map(([store, owner]) => [owner, store as DatasetStore])
) as Partial<Record<ModuleId, DatasetStore>>;

/** Returns a module analyses, as its parser counted them (`meta.returns`), with their tile label. */
const RETURNS_LABEL: Partial<Record<DatasetStore, [string, string]>> = {
	colissimo: ['retour 8R', 'retours 8R'],
	// Other accounts' lines and lines listed twice are in the file, not in the analysis.
	mondialRelay: ['retour TOOPOST', 'retours TOOPOST']
};

/** What a tile counts: stored lines, or the returns it analyses (Colissimo's invoices hold outbound lines too). */
function rowsLabel(store: DatasetStore, datasets: DatasetRecord[]): string {
	const label = RETURNS_LABEL[store];
	if (label) {
		const returns = datasets.reduce(
			(n, d) => n + (typeof d.meta.returns === 'number' ? d.meta.returns : 0),
			0
		);
		return plural(returns, ...label);
	}
	return plural(
		datasets.reduce((n, d) => n + d.rowCount, 0),
		'ligne'
	);
}

async function datasetSummary(store: DatasetStore): Promise<string> {
	const datasets = await db.datasets(store).toArray();
	if (datasets.length === 0) return 'Aucun fichier';
	const periods = new Set(datasets.map((d) => d.period).filter(Boolean));
	const parts = [plural(datasets.length, 'fichier'), rowsLabel(store, datasets)];
	if (periods.size) parts.unshift(plural(periods.size, 'période'));
	return parts.join(' · ');
}

/** The export consolidates the carriers' stored invoices: which carriers it has, and their months. */
async function refacturationSummary(): Promise<string> {
	const carriers = await Promise.all(
		REFACT_CARRIERS.map(async (c) => db.datasets(STORE_BY_MODULE[c.id]!).toArray())
	);
	const withFiles = carriers.filter((d) => d.length);
	if (!withFiles.length) return 'Aucune facture transporteur à consolider';
	const months = new Set(withFiles.flat().flatMap((d) => (d.period ? [d.period] : [])));
	const parts = [plural(withFiles.length, 'transporteur')];
	if (months.size) parts.push(plural(months.size, 'période'));
	return `${parts.join(' · ')} à consolider`;
}

/** What each home tile says its module holds, read live from the database. */
export async function moduleSummary(id: ModuleId): Promise<string> {
	// Retours counts distinct returns across its exports (a return listed in two files once), not lines.
	if (id === 'retours') return retoursTileSummary();
	// Attendus: what was received (attendus, palettes, cartons), not how many CSV lines were stored.
	if (id === 'attendus') return attendusTileSummary();
	const store = STORE_BY_MODULE[id];
	if (store) return datasetSummary(store);
	switch (id) {
		case 'indemnisations':
			return claimsTileSummary();
		case 'refacturation':
			return refacturationSummary();
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
