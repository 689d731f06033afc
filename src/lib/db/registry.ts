import type { ModuleId } from '$lib/modules';
import { DATASET_STORES, type DatasetStore } from './schema';

/** What every table is, for the diagnostic and the backup. A test fails if a table is missing. */
export interface TableInfo {
	owner: ModuleId;
	label: string;
	/** Only snapshots are excluded (RULINGS.md 15): a backup inside a backup would grow forever. */
	backup: boolean;
	excludedReason?: string;
}

const DATASET_LABELS: Record<DatasetStore, string> = {
	logisticiens: 'fichiers logisticiens',
	dpd: 'factures DPD',
	chronopost: 'factures Chronopost',
	dhl: 'factures DHL',
	colissimo: 'factures Colissimo',
	mondialRelay: 'fichiers Mondial Relay',
	colisPrive: 'factures Colis Privé',
	retours: 'exports retours',
	attendus: 'attendus importés (CSV)'
};

function datasetEntries(): Record<string, TableInfo> {
	const entries: Record<string, TableInfo> = {};
	for (const [store, owner] of Object.entries(DATASET_STORES) as [DatasetStore, ModuleId][]) {
		const label = DATASET_LABELS[store];
		entries[`${store}Datasets`] = { owner, label: `Fichiers importés — ${label}`, backup: true };
		entries[`${store}Chunks`] = { owner, label: `Lignes — ${label}`, backup: true };
	}
	return entries;
}

export const TABLE_REGISTRY: Record<string, TableInfo> = {
	...datasetEntries(),
	library: { owner: 'bibliotheque', label: 'Analyses archivées', backup: true },
	claims: { owner: 'indemnisations', label: 'Indemnisations', backup: true },
	claimAttachments: { owner: 'indemnisations', label: 'Pièces jointes des indemnisations', backup: true },
	attendusManual: { owner: 'attendus', label: 'Saisies manuelles de conditionnement', backup: true },
	attendusClients: { owner: 'attendus', label: 'Clients personnalisés', backup: true },
	settings: { owner: 'parametres', label: 'Paramètres', backup: true },
	backupHistory: { owner: 'sauvegarde', label: 'Historique des sauvegardes', backup: true },
	snapshots: {
		owner: 'sauvegarde',
		label: 'Instantanés de sécurité',
		backup: false,
		excludedReason: 'Instantanés internes au navigateur : une sauvegarde ne contient pas les sauvegardes.'
	}
};
