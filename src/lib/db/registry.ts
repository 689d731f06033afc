import { CARRIERS } from '$lib/carriers';
import type { AnyCarrierModule } from '$lib/carriers/pipeline/carrier.types';
import type { ModuleId } from '$lib/modules';
import { datasetStores } from './schema';

/** What every table is, for the diagnostic and the backup. A test fails if a table is missing. */
export interface TableInfo {
	owner: ModuleId;
	label: string;
	/** Only snapshots are excluded (RULINGS.md 15): a backup inside a backup would grow forever. */
	backup: boolean;
	excludedReason?: string;
	/**
	 * Team sync (docs/sync.md): `record` — each record is a CouchDB document; `file` — the dataset's
	 * original travels as an attachment and its rows are parsed again on the receiving device;
	 * `derived` — recomputed from synced files, never sent; `local` (or absent) — stays on this device.
	 */
	sync?: SyncPolicy;
}

export type SyncPolicy = 'record' | 'file' | 'derived' | 'local';

const OTHER_DATASET_LABELS: Record<string, string> = {
	logisticiens: 'fichiers logisticiens',
	retours: 'exports retours',
	attendus: 'attendus importés (CSV)'
};

/** The bulk-row tables of every module, the carriers' from their list. */
export function datasetEntries(carriers: readonly AnyCarrierModule[]): Record<string, TableInfo> {
	const labels: Record<string, string> = {
		...OTHER_DATASET_LABELS,
		...Object.fromEntries(carriers.map((c) => [c.store, c.home.files]))
	};
	const entries: Record<string, TableInfo> = {};
	for (const [store, owner] of Object.entries(datasetStores(carriers))) {
		const label = labels[store];
		entries[`${store}Datasets`] = {
			owner,
			label: `Fichiers importés — ${label}`,
			backup: true,
			sync: 'file'
		};
		entries[`${store}Chunks`] = { owner, label: `Lignes — ${label}`, backup: true, sync: 'derived' };
	}
	return entries;
}

export const TABLE_REGISTRY: Record<string, TableInfo> = {
	...datasetEntries(CARRIERS),
	library: { owner: 'bibliotheque', label: 'Analyses archivées', backup: true, sync: 'record' },
	claims: { owner: 'indemnisations', label: 'Indemnisations', backup: true, sync: 'record' },
	claimAttachments: {
		owner: 'indemnisations',
		label: 'Pièces jointes des indemnisations',
		backup: true,
		sync: 'record'
	},
	attendusManual: {
		owner: 'attendus',
		label: 'Saisies manuelles de conditionnement',
		backup: true,
		sync: 'record'
	},
	attendusClients: { owner: 'attendus', label: 'Clients personnalisés', backup: true, sync: 'record' },
	// Only the shared keys travel (sync.mapping.ts `isSharedSetting`); device preferences stay here.
	settings: { owner: 'parametres', label: 'Paramètres', backup: true, sync: 'record' },
	backupHistory: { owner: 'sauvegarde', label: 'Historique des sauvegardes', backup: true, sync: 'local' },
	snapshots: {
		owner: 'sauvegarde',
		label: 'Instantanés de sécurité',
		backup: false,
		sync: 'local',
		excludedReason: 'Instantanés internes au navigateur : une sauvegarde ne contient pas les sauvegardes.'
	},
	// Recomputed on this device when an analysis runs, never sent to the team. Backed up like every
	// table but the snapshots (RULINGS 15); a restored or missing one that no longer matches the files
	// makes its tile show the files' own counts.
	summaries: { owner: 'parametres', label: "Résumés des tuiles de l'accueil", backup: true, sync: 'local' }
};

/** Tables whose records are sent to the team, each with its policy (`record` or `file`). */
export function syncedTables(): [string, 'record' | 'file'][] {
	return Object.entries(TABLE_REGISTRY).flatMap(([name, { sync }]) =>
		sync === 'record' || sync === 'file' ? [[name, sync] as [string, 'record' | 'file']] : []
	);
}
