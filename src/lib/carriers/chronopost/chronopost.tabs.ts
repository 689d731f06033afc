/** Chronopost's four tabs as the legacy shows them: synthesis, surcharges, parcels, returns. */
import { table, type FilterSpec } from '$lib/analysis/table-spec';
import { formatCents, formatInt, plural } from '$lib/i18n/format';
import { repeatedInvoicesNote } from '../pipeline/repeated-invoices';
import type { TabSpec } from '../pipeline/carrier.types';
import {
	control,
	detailColumns,
	otherColumns,
	retourColumns,
	surplusColumns,
	syntheseColumns
} from './chronopost.columns';
import { SURPLUS_TYPES, type SurplusType } from './chronopost.parser';
import { SURPLUS_PRESELECTION, type ChronoLine } from './chronopost.rules';
import {
	partnerToContest,
	partnersForDisplay,
	surplusCents,
	type ChronoDetailRow,
	type ChronoOtherRow,
	type ChronoResult,
	type ChronoSurchargeRow,
	type PartnerRow,
	type TypeTotal
} from './chronopost.result';

const RETURN_TYPES: readonly SurplusType[] = ['Retour expéditeur', 'Traitement Retour expéditeur'];

interface ReturnsByPartner {
	partner: string;
	count: number;
	cents: number;
}

/** Sorted by type (legacy order), then partner, then date — the legacy's "Détail complet" order. */
function surplusOrder(a: ChronoSurchargeRow, b: ChronoSurchargeRow): number {
	return (
		SURPLUS_TYPES.indexOf(a.type) - SURPLUS_TYPES.indexOf(b.type) ||
		a.partner.localeCompare(b.partner, 'fr') ||
		(a.day ?? '').localeCompare(b.day ?? '')
	);
}

/**
 * The Surplus tab's type filter: the types present, the legacy's pre-selection ticked at first
 * (only that tab's initial filter: the total counts the types chosen above the KPIs, RULINGS 8).
 */
function typesFilter(result: ChronoResult): FilterSpec<ChronoSurchargeRow> {
	const present = result.byType.filter((t) => t.count > 0).map((t) => t.type);
	return {
		id: 'types',
		kind: 'choices',
		label: 'Filtrer par type de surplus:',
		options: present,
		initial: present.filter((t) => SURPLUS_PRESELECTION.includes(t)),
		value: (s) => s.type
	};
}

/** Billed rows of no known type: listed under the surcharges so that nothing billed goes unseen. */
function othersTable(rows: ChronoOtherRow[]) {
	return table<ChronoOtherRow>({
		id: 'autres',
		title: '❓ Autres lignes facturées (type non reconnu)',
		columns: otherColumns,
		rows,
		tone: () => 'warn',
		footer: (list) =>
			`Montant : ${formatCents(list.reduce((s, o) => s + o.amountCents, 0))} (hors total à contester)`
	});
}

function othersNote(result: ChronoResult): string {
	if (!result.others.length) return '';
	const cents = result.others.reduce((s, o) => s + o.amountCents, 0);
	return ` · ⚠️ ${plural(result.others.length, 'ligne facturée', 'lignes facturées')} de type non reconnu (${formatCents(cents)})`;
}

function returnsOf(result: ChronoResult): ChronoSurchargeRow[] {
	return result.surcharges.filter((s) => RETURN_TYPES.includes(s.type));
}

function returnsByPartner(rows: ChronoSurchargeRow[]): ReturnsByPartner[] {
	const by = new Map<string, ReturnsByPartner>();
	for (const s of rows) {
		const p = by.get(s.partner) ?? { partner: s.partner, count: 0, cents: 0 };
		p.count++;
		p.cents += s.amountCents;
		by.set(s.partner, p);
	}
	return [...by.values()].sort((a, b) => b.cents - a.cents);
}

const claimOfDetail = (d: ChronoDetailRow) => {
	const cents = (d.ecartCents ?? 0) > 0 ? (d.ecartCents ?? 0) : d.duplicate ? d.invoicedCents : 0;
	if (!cents && !d.overweight && !d.overpriced) return null;
	return {
		tracking: d.tracking,
		carrier: 'Chronopost',
		partner: d.matched ? d.partner : undefined,
		amountCents: cents || undefined,
		motif: control(d, false) || 'Écart de prix',
		notes: `${d.source.fileName}, ligne ${d.source.line}`,
		shippingDate: d.shipDate ?? undefined
	};
};

export function typesLabel(selected: readonly SurplusType[]): string {
	return `${selected.length}/${SURPLUS_TYPES.length} types`;
}

export function chronoTabs(selected: readonly SurplusType[]): TabSpec<ChronoLine, ChronoResult>[] {
	return [
		{
			id: 'synthese',
			label: '📊 Synthèse par Partenaire',
			heading: 'Synthèse par Partenaire',
			info: (a) =>
				`${plural(a.result.partners.length, 'partenaire')} · écart = Σ des écarts positifs (prix facturé − grille au poids logisticien) ; total à contester = écart + surplus (${typesLabel(selected)})${repeatedInvoicesNote(a.result.repeatedInvoices)}`,
			tables: (a) => [
				table<PartnerRow>({
					id: 'synthese',
					columns: syntheseColumns(selected),
					rows: partnersForDisplay(a.result),
					filters: [
						{ id: 'partner', kind: 'partner', label: 'Filtrer par partenaire:', partner: (p) => p.partner }
					],
					footer: (rows) =>
						`Total : ${formatCents(rows.reduce((s, p) => s + p.invoicedCents, 0))} facturés · ${formatCents(rows.reduce((s, p) => s + partnerToContest(p, selected), 0))} à contester`
				})
			],
			exports: ['synthese']
		},
		{
			id: 'surplus',
			label: '💰 Surplus par Partenaire',
			heading: 'Surplus par Partenaire',
			info: (a) =>
				a.result.surcharges.length
					? `${plural(a.result.surcharges.length, 'surplus', 'surplus')} · ${formatCents(surplusCents(a.result.byType, SURPLUS_TYPES))} · pré-sélection : Etiquette, Manutention, Hors norme, Retour expéditeur${othersNote(a.result)}`
					: `Aucun surplus détecté${othersNote(a.result)}`,
			tables: (a) => [
				table<TypeTotal>({
					id: 'types',
					title: '📊 Répartition par type',
					columns: [
						{ header: 'Type de Surplus', kind: 'text', value: (t) => t.type },
						{ header: 'Nombre', kind: 'int', value: (t) => t.count },
						{ header: 'Montant Total (€)', kind: 'cents', value: (t) => t.cents }
					],
					rows: a.result.byType.filter((t) => t.count > 0).sort((x, y) => y.cents - x.cents)
				}),
				table<ChronoSurchargeRow>({
					id: 'surplus',
					title: '📋 Détail complet',
					columns: surplusColumns,
					rows: [...a.result.surcharges].sort(surplusOrder),
					filters: [
						{ id: 'partner', kind: 'partner', label: 'Filtrer par partenaire:', partner: (s) => s.partner },
						typesFilter(a.result),
						{
							id: 'q',
							kind: 'search',
							label: '🔍 Rechercher (tracking, type)',
							text: (s) => `${s.tracking} ${s.type}`
						}
					],
					tone: (s) => (s.amountCents !== s.documentedCents ? 'warn' : null),
					claim: (s) => ({
						tracking: s.tracking,
						carrier: 'Chronopost',
						partner: s.matched ? s.partner : undefined,
						amountCents: s.amountCents,
						motif: s.type,
						notes: `${s.label} — ${s.fileName}, ligne ${s.line}`,
						shippingDate: s.shipDate ?? undefined
					}),
					footer: (rows) => `Montant total : ${formatCents(rows.reduce((sum, s) => sum + s.amountCents, 0))}`,
					empty: 'Aucun surplus détecté'
				}),
				...(a.result.others.length ? [othersTable(a.result.others)] : [])
			],
			exports: ['surplus']
		},
		{
			id: 'detail',
			label: '📋 Détail par Commande',
			heading: 'Détail par Commande',
			info: (a) =>
				`${plural(a.result.details.length, 'envoi')} · ${a.result.positiveEcarts.count} avec écart prix · ${a.result.details.filter((d) => Math.abs(d.weightGapKg ?? 0) > 0.01).length} avec écart poids${a.result.unknownTheoLines ? ` · ${plural(a.result.unknownTheoLines, 'prix théorique inconnu', 'prix théoriques inconnus')}` : ''}`,
			tables: (a) => [
				table<ChronoDetailRow>({
					id: 'detail',
					columns: detailColumns,
					rows: [...a.result.details].sort(
						(x, y) => (y.ecartCents ?? -Infinity) - (x.ecartCents ?? -Infinity)
					),
					filters: [
						{ id: 'partner', kind: 'partner', label: 'Filtrer par partenaire:', partner: (d) => d.partner },
						{
							id: 'q',
							kind: 'search',
							label: '🔍 Rechercher (tracking, commande)',
							text: (d) => `${d.tracking} ${d.originOrder} ${d.partnerOrder}`
						},
						{
							id: 'ecarts',
							kind: 'toggle',
							label: 'Afficher uniquement les écarts',
							test: (d) => (d.ecartCents ?? 0) > 0 || Math.abs(d.weightGapKg ?? 0) > 0.01
						}
					],
					tone: (d) =>
						(d.ecartCents ?? 0) > 0 || d.duplicate ? 'alert' : d.overweight || !d.matched ? 'warn' : null,
					claim: claimOfDetail
				})
			],
			exports: ['detail']
		},
		{
			id: 'retours',
			label: '🔄 Retours Expéditeur',
			heading: 'Retours Expéditeur',
			info: (a) => {
				const rows = returnsOf(a.result);
				if (!a.result.surcharges.length) return 'Aucun retour détecté';
				if (!rows.length) return 'Aucun retour expéditeur détecté';
				const full = rows.filter((s) => s.type === 'Retour expéditeur');
				const treat = rows.filter((s) => s.type === 'Traitement Retour expéditeur');
				const sum = (list: ChronoSurchargeRow[]) => formatCents(list.reduce((s, r) => s + r.amountCents, 0));
				return `Total retours : ${formatInt(rows.length)} · Retours complets : ${formatInt(full.length)} (${sum(full)}) · Traitements : ${formatInt(treat.length)} (${sum(treat)})`;
			},
			tables: (a) => [
				table<ReturnsByPartner>({
					id: 'retours-partenaires',
					title: '📊 Retours par partenaire',
					columns: [
						{ header: 'Partenaire', kind: 'text', value: (r) => r.partner },
						{ header: 'Nombre de Retours', kind: 'int', value: (r) => r.count },
						{ header: 'Coût Total (€)', kind: 'cents', value: (r) => r.cents }
					],
					rows: returnsByPartner(returnsOf(a.result))
				}),
				table<ChronoSurchargeRow>({
					id: 'retours',
					title: '📋 Détail des retours',
					columns: retourColumns,
					rows: returnsOf(a.result),
					filters: [
						{ id: 'partner', kind: 'partner', label: 'Filtrer par partenaire:', partner: (s) => s.partner }
					],
					empty: 'Aucun retour expéditeur détecté'
				})
			],
			exports: ['retours']
		}
	];
}
