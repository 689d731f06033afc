/** Every module of Pilot: its id (also its route), French label and home-page block; carriers from their list. */
import { CARRIERS } from '$lib/carriers';
import type { AnyCarrierModule } from '$lib/carriers/pipeline/carrier.types';

export type ToolId =
	| 'logisticiens'
	| 'bibliotheque'
	| 'retours'
	| 'indemnisations'
	| 'attendus'
	| 'refacturation'
	| 'sauvegarde'
	| 'parametres';

/** A tool's id, or a carrier's (`CarrierModule.id`, any of CARRIERS). */
export type ModuleId = ToolId | AnyCarrierModule['id'];

export interface ModuleInfo {
	id: ModuleId;
	label: string;
	icon: string;
	caption: string;
	block: 'outils' | 'transporteurs' | 'systeme';
	/** Carrier brand colours for the tile badge (background, text), chosen for AA contrast. */
	brand?: { bg: string; fg: string };
}

/** A carrier's home tile, from its module. */
function carrierInfo(c: AnyCarrierModule): ModuleInfo {
	return {
		id: c.id,
		label: c.label,
		icon: '🚚',
		caption: c.home.caption,
		block: 'transporteurs',
		brand: c.home.brand
	};
}

/** Every module in the home page's order: the tools, the carriers of `carriers`, then the system's. */
export function modulesOf(carriers: readonly AnyCarrierModule[]): ModuleInfo[] {
	return [
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
		...carriers.map(carrierInfo),
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
}

export const MODULES: readonly ModuleInfo[] = modulesOf(CARRIERS);

export function moduleInfo(id: ModuleId): ModuleInfo {
	const found = MODULES.find((m) => m.id === id);
	if (!found) throw new Error(`Module inconnu : ${id}`);
	return found;
}
