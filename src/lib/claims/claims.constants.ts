/** The claim module's vocabularies (legacy lists + RULINGS 11 statuses + claims-deadlines.md motifs). */
import type { ClaimStatus } from '$lib/db/records';

/** In workflow order (RULINGS 11). */
export const CLAIM_STATUSES: readonly ClaimStatus[] = [
	'À constituer',
	'En attente',
	'Acceptée',
	'Reçue',
	'Refusée'
];

/** The legacy's three statuses, used by its KPIs and exports. */
export type LegacyStatus = 'En attente' | 'Reçue' | 'Refusée';

export const CARRIERS = ['DPD', 'Mondial Relay', 'Colissimo', 'Chronopost', 'Colis Privé', 'DHL'] as const;

/** "Autre" stores the typed text in `motifOther`. */
export const MOTIF_OTHER = 'Autre';
export const MOTIFS = [
	'Colis perdu',
	'Colis endommagé',
	'Spoliation',
	'Livré non reçu',
	'Retard de livraison',
	'Erreur de facturation',
	'Non-respect du contrat',
	MOTIF_OTHER
] as const;

/** The legacy's sentinel for a tracking absent from the 3PL files, read as "NON ATTRIBUÉ" (RULINGS 1). */
export const UNATTRIBUTED = 'NON ATTRIBUÉ';

/**
 * Evidence a carrier asks for, per motif (claims-deadlines.md: photos of outer/inner packaging and contents
 * for damage, the recipient's signed statement for "livré non reçu", a guaranteed service for a delay).
 */
export const EVIDENCE: Record<string, readonly string[]> = {
	'Colis perdu': [
		"Preuve de prise en charge (bordereau, scan d'expédition)",
		'Facture de la marchandise (valeur)',
		'Historique de suivi du colis',
		'Déclaration de perte déposée auprès du transporteur'
	],
	'Colis endommagé': [
		"Photos de l'emballage extérieur",
		"Photos de l'emballage intérieur (calage)",
		'Photos du contenu endommagé',
		'Réserves écrites à la livraison ou lettre recommandée sous 3 jours',
		'Facture de la marchandise (valeur)'
	],
	Spoliation: [
		"Photos de l'emballage (ouverture, adhésif non d'origine)",
		'Poids du colis reçu comparé au poids expédié',
		'Liste du contenu manquant',
		'Réserves écrites à la livraison ou lettre recommandée sous 3 jours',
		'Facture de la marchandise (valeur)'
	],
	'Livré non reçu': [
		'Attestation de non-réception signée par le destinataire',
		'Copie de sa pièce d’identité',
		'Preuve de livraison fournie par le transporteur (POD)',
		'Facture de la marchandise (valeur)'
	],
	'Retard de livraison': [
		'Preuve du service à délai garanti (contrat, étiquette)',
		'Historique de suivi montrant la date de livraison',
		'Facture du transport'
	],
	'Erreur de facturation': [
		'Facture du transporteur (ligne contestée)',
		'Tarif contractuel ou grille applicable',
		'Poids ou dimensions réels (fichier logisticien)'
	],
	'Non-respect du contrat': ['Contrat ou clause concernée', 'Preuve du manquement (suivi, échanges)'],
	[MOTIF_OTHER]: ['Description précise du litige', 'Pièces justificatives']
};
