/** Chronopost's table columns: the legacy's headers exactly, screen-only checks first. */
import type { ColumnSpec } from '$lib/analysis/table-spec';
import { formatCents } from '$lib/i18n/format';
import { stakeText } from '../pipeline/carrier.analysis';
import type { SurplusType } from './chronopost.parser';
import {
	partnerToContest,
	surplusCents,
	type ChronoDetailRow,
	type ChronoOtherRow,
	type ChronoSurchargeRow,
	type PartnerRow
} from './chronopost.result';

/** The synthesis columns; "Total Surplus" and "Total à Contester" count the selected types (RULINGS 8). */
export function syntheseColumns(selected: readonly SurplusType[]): ColumnSpec<PartnerRow>[] {
	return [
		{ header: 'Partenaire', kind: 'text', value: (p) => p.partner },
		{ header: 'Nb Envois', kind: 'int', value: (p) => p.nbEnvois },
		{ header: 'Poids Log. (kg)', kind: 'kg', value: (p) => p.logKg },
		{ header: 'Poids Chrono (kg)', kind: 'kg', value: (p) => p.chronoKg },
		{ header: 'Prix Théorique (€)', kind: 'cents', value: (p) => p.theoCents },
		{ header: 'Prix Facturé (€)', kind: 'cents', value: (p) => p.invoicedCents },
		{ header: 'Écart (€)', kind: 'cents', value: (p) => p.ecartCents },
		{ header: 'Total Surplus (€)', kind: 'cents', value: (p) => surplusCents(p.surplusByType, selected) },
		{ header: 'Total à Contester (€)', kind: 'cents', value: (p) => partnerToContest(p, selected) }
	];
}

/** The checks of a parcel; on screen an overweight carries its stake (issue 13), a claim's motif not. */
export const control = (d: ChronoDetailRow, withStake = true) =>
	[
		d.duplicate && 'Doublon',
		(d.ecartCents ?? 0) > 0 && 'Écart de prix',
		!d.matched && 'NON ATTRIBUÉ',
		// The stake of an overweight: invoiced − grid at the 3PL weight, i.e. the écart (issue 13).
		d.overweight && (withStake ? `Surpoids (en jeu : ${stakeText(d.ecartCents)})` : 'Surpoids'),
		d.overpriced && 'Prix > grille',
		d.matched && d.theoCents === null && 'Prix théorique inconnu'
	]
		.filter(Boolean)
		.join(', ');

export const detailColumns: ColumnSpec<ChronoDetailRow>[] = [
	{ header: 'Contrôle', kind: 'text', value: (d) => control(d), screenOnly: true },
	{ header: 'Date', kind: 'date', value: (d) => d.day },
	{ header: 'Partenaire', kind: 'text', value: (d) => d.partner },
	{ header: 'Tracking', kind: 'text', value: (d) => d.tracking },
	{ header: 'N° Commande', kind: 'text', value: (d) => d.originOrder },
	{ header: 'Pays', kind: 'text', value: (d) => d.country },
	{ header: 'Poids Log. (kg)', kind: 'kg', value: (d) => (d.logG === null ? null : d.logG / 1000) },
	{ header: 'Poids Chrono (kg)', kind: 'kg', value: (d) => d.chronoKg },
	{ header: 'Écart Poids (kg)', kind: 'kg', value: (d) => d.weightGapKg },
	{ header: 'Prix Théo. (€)', kind: 'cents', value: (d) => d.theoCents },
	{ header: 'Prix Facturé (€)', kind: 'cents', value: (d) => d.invoicedCents },
	{ header: 'Écart Prix (€)', kind: 'cents', value: (d) => d.ecartCents }
];

const mismatch = (s: ChronoSurchargeRow) =>
	s.amountCents === s.documentedCents ? '' : `Montant prévu : ${formatCents(s.documentedCents)}`;

export const surplusColumns: ColumnSpec<ChronoSurchargeRow>[] = [
	{ header: 'Contrôle', kind: 'text', value: mismatch, screenOnly: true },
	{ header: 'Date', kind: 'date', value: (s) => s.day },
	{ header: 'Partenaire', kind: 'text', value: (s) => s.partner },
	{ header: 'Tracking', kind: 'text', value: (s) => s.tracking },
	{ header: 'N° Cmd Origine', kind: 'text', value: (s) => s.originOrder },
	{ header: 'Type Surplus', kind: 'text', value: (s) => s.type },
	{ header: 'Montant (€)', kind: 'cents', value: (s) => s.amountCents }
];

export const retourColumns: ColumnSpec<ChronoSurchargeRow>[] = [
	{ header: 'Date', kind: 'date', value: (s) => s.day },
	{ header: 'Partenaire', kind: 'text', value: (s) => s.partner },
	{ header: 'Tracking', kind: 'text', value: (s) => s.tracking },
	{ header: 'N° Commande', kind: 'text', value: (s) => s.originOrder },
	{ header: 'Type de Retour', kind: 'text', value: (s) => s.type },
	{ header: 'Coût (€)', kind: 'cents', value: (s) => s.amountCents }
];

export const otherColumns: ColumnSpec<ChronoOtherRow>[] = [
	{ header: 'Date', kind: 'date', value: (o) => o.day },
	{ header: 'Partenaire', kind: 'text', value: (o) => o.partner },
	{ header: 'Tracking', kind: 'text', value: (o) => o.tracking },
	{ header: 'Libellé', kind: 'text', value: (o) => o.label },
	{ header: 'Montant (€)', kind: 'cents', value: (o) => o.amountCents },
	{ header: 'Ligne', kind: 'int', value: (o) => o.line }
];
