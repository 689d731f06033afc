import { CARRIERS } from '$lib/carriers';
import { attendusTileSummary } from '$lib/attendus/attendus.repository';
import { claimsTileSummary } from '$lib/claims/claims.repository';
import { db } from '$lib/db/pilot-db';
import type { DatasetRecord } from '$lib/db/records';
import type { DatasetStore } from '$lib/db/schema';
import { plural } from '$lib/i18n/format';
import { retoursTileSummary } from '$lib/retours/retours.repository';
import type { ModuleId } from '$lib/modules';

/** What a tile counts: stored lines, or the returns it analyses (Colissimo's invoices hold outbound lines too). */
function rowsLabel(returnsUnit: [string, string] | undefined, datasets: DatasetRecord[]): string {
	if (returnsUnit) {
		const returns = datasets.reduce(
			(n, d) => n + (typeof d.meta.returns === 'number' ? d.meta.returns : 0),
			0
		);
		return plural(returns, ...returnsUnit);
	}
	return plural(
		datasets.reduce((n, d) => n + d.rowCount, 0),
		'ligne'
	);
}

async function datasetSummary(store: DatasetStore, returnsUnit?: [string, string]): Promise<string> {
	const datasets = await db.datasets(store).toArray();
	if (datasets.length === 0) return 'Aucun fichier';
	const periods = new Set(datasets.map((d) => d.period).filter(Boolean));
	const parts = [plural(datasets.length, 'fichier'), rowsLabel(returnsUnit, datasets)];
	if (periods.size) parts.unshift(plural(periods.size, 'période'));
	return parts.join(' · ');
}

/** The export consolidates the carriers' stored invoices: which carriers it has, and their months. */
async function refacturationSummary(): Promise<string> {
	const carriers = await Promise.all(CARRIERS.map(async (c) => db.datasets(c.store).toArray()));
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
	const carrier = CARRIERS.find((c) => c.id === id);
	if (carrier) return datasetSummary(carrier.store, carrier.home.returnsUnit);
	if (id === 'logisticiens') return datasetSummary('logisticiens');
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
