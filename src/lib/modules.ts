/** Every module of Pilot: its id (also its route), French label and home-page block. */
export type ModuleId =
	| 'logisticiens'
	| 'bibliotheque'
	| 'retours'
	| 'indemnisations'
	| 'attendus'
	| 'dpd'
	| 'mondial-relay'
	| 'colissimo'
	| 'colis-prive'
	| 'chronopost'
	| 'dhl'
	| 'refacturation'
	| 'sauvegarde'
	| 'parametres';

export interface ModuleInfo {
	id: ModuleId;
	label: string;
	icon: string;
	caption: string;
	block: 'outils' | 'transporteurs' | 'systeme';
	/** Carrier brand colours for the tile badge (background, text), chosen for AA contrast. */
	brand?: { bg: string; fg: string };
}

export const MODULES: readonly ModuleInfo[] = [
	{
		id: 'logisticiens',
		label: 'Import Fichier Logisticien',
		icon: '📋',
		caption: 'Upload une fois, utilise partout',
		block: 'outils'
	},
	{
		id: 'bibliotheque',
		label: 'Sauvegarde des Analyses',
		icon: '📚',
		caption: 'Stockage permanent et consultation par période',
		block: 'outils'
	},
	{
		id: 'retours',
		label: 'Traitement des Retours',
		icon: '🔄',
		caption: 'Analyse des retours par client avec export Excel',
		block: 'outils'
	},
	{
		id: 'indemnisations',
		label: 'Indemnisations',
		icon: '💶',
		caption: 'Suivi indemnisations par partenaire',
		block: 'outils'
	},
	{
		id: 'attendus',
		label: 'Attendus de Réception',
		icon: '📦',
		caption: 'Import CSV + saisie manuelle conditionnement',
		block: 'outils'
	},
	{
		id: 'dpd',
		label: 'DPD',
		icon: '🚚',
		caption: 'Analyse avec taxes automatiques',
		block: 'transporteurs',
		brand: { bg: '#DC0032', fg: '#FFFFFF' }
	},
	{
		id: 'mondial-relay',
		label: 'Mondial Relay',
		icon: '🚚',
		caption: 'Gestion retours TOOPOST avec majoration de service',
		block: 'transporteurs',
		brand: { bg: '#96154A', fg: '#FFFFFF' }
	},
	{
		id: 'colissimo',
		label: 'Colissimo',
		icon: '🚚',
		caption: 'Gestion retours 8R avec 3 méthodes',
		block: 'transporteurs',
		brand: { bg: '#FFD100', fg: '#1A1A1A' }
	},
	{
		id: 'colis-prive',
		label: 'Colis Privé',
		icon: '🚚',
		caption: 'Croisement avec détection majorations',
		block: 'transporteurs',
		brand: { bg: '#1D1D1B', fg: '#FFFFFF' }
	},
	{
		id: 'chronopost',
		label: 'Chronopost',
		icon: '🚚',
		caption: 'Analyse factures avec écarts et surplus',
		block: 'transporteurs',
		brand: { bg: '#0B3C8C', fg: '#FFFFFF' }
	},
	{
		id: 'dhl',
		label: 'DHL',
		icon: '🚚',
		caption: 'Facturation avec frais supplémentaires',
		block: 'transporteurs',
		brand: { bg: '#FFCC00', fg: '#B00410' }
	},
	{
		id: 'refacturation',
		label: 'Export Refacturation',
		icon: '🧾',
		caption: 'Classeur consolidé par partenaire, tous transporteurs',
		block: 'systeme'
	},
	{
		id: 'sauvegarde',
		label: 'Sauvegarde & Restauration',
		icon: '💾',
		caption: 'Sauvegarde complète vérifiée, restauration annulable',
		block: 'systeme'
	},
	{
		id: 'parametres',
		label: 'Paramètres',
		icon: '⚙️',
		caption: 'Utilisateur, délais de réclamation, stockage',
		block: 'systeme'
	}
];

export function moduleInfo(id: ModuleId): ModuleInfo {
	const found = MODULES.find((m) => m.id === id);
	if (!found) throw new Error(`Module inconnu : ${id}`);
	return found;
}
