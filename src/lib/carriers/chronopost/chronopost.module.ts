/** Chronopost as data for the shared pipeline: its input, rules, the legacy's 4 tabs and exports. */
import { formatCents, formatInt, plural } from '$lib/i18n/format';
import { rangeLabel, stakeText } from '../pipeline/carrier.analysis';
import { repeatedInvoicesNote } from '../pipeline/repeated-invoices';
import {
	table,
	type CarrierModule,
	type ColumnSpec,
	type ExportSpec,
	type FilterSpec,
	type TabSpec
} from '../pipeline/carrier.types';
import { parseChronopost, SURPLUS_TYPES, type ChronoRow, type SurplusType } from './chronopost.parser';
import { gridPrice } from './chronopost.grid';
import {
	CHRONO_OVERWEIGHT_TOLERANCE_G,
	SURPLUS_PRESELECTION,
	analyseChronopost,
	chronoLines,
	flagChronopost,
	partnerToContest,
	partnersForDisplay,
	surplusCents,
	totalToContest,
	CHRONO_BILLING,
	type ChronoDetailRow,
	type ChronoOtherRow,
	type ChronoLine,
	type ChronoResult,
	type ChronoSurchargeRow,
	type PartnerRow,
	type TypeTotal
} from './chronopost.rules';

/** 3PL rows that count for Chronopost: its name in any spelling, or no carrier written. */
export function isChronopostCarrier(carrierUpper: string): boolean {
	return carrierUpper === '' || carrierUpper.includes('CHRONO');
}

const RETURN_TYPES: readonly SurplusType[] = ['Retour expéditeur', 'Traitement Retour expéditeur'];

/** The synthesis columns; "Total Surplus" and "Total à Contester" count the selected types (RULINGS 8). */
function syntheseColumns(selected: readonly SurplusType[]): ColumnSpec<PartnerRow>[] {
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
const control = (d: ChronoDetailRow, withStake = true) =>
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

const detailColumns: ColumnSpec<ChronoDetailRow>[] = [
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

const surplusColumns: ColumnSpec<ChronoSurchargeRow>[] = [
	{ header: 'Contrôle', kind: 'text', value: mismatch, screenOnly: true },
	{ header: 'Date', kind: 'date', value: (s) => s.day },
	{ header: 'Partenaire', kind: 'text', value: (s) => s.partner },
	{ header: 'Tracking', kind: 'text', value: (s) => s.tracking },
	{ header: 'N° Cmd Origine', kind: 'text', value: (s) => s.originOrder },
	{ header: 'Type Surplus', kind: 'text', value: (s) => s.type },
	{ header: 'Montant (€)', kind: 'cents', value: (s) => s.amountCents }
];

const retourColumns: ColumnSpec<ChronoSurchargeRow>[] = [
	{ header: 'Date', kind: 'date', value: (s) => s.day },
	{ header: 'Partenaire', kind: 'text', value: (s) => s.partner },
	{ header: 'Tracking', kind: 'text', value: (s) => s.tracking },
	{ header: 'N° Commande', kind: 'text', value: (s) => s.originOrder },
	{ header: 'Type de Retour', kind: 'text', value: (s) => s.type },
	{ header: 'Coût (€)', kind: 'cents', value: (s) => s.amountCents }
];

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

/** `_{Partenaire}_{k}types` as the legacy names a filtered surplus export. */
function surplusSuffix(filters: Readonly<Record<string, string | boolean | string[]>>): string {
	const partner = typeof filters.partner === 'string' ? filters.partner : '';
	const types = Array.isArray(filters.types) ? filters.types.length : SURPLUS_PRESELECTION.length;
	const safe = partner
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^A-Za-z0-9]+/g, '_');
	return `${safe ? `_${safe}` : ''}${types < SURPLUS_TYPES.length ? `_${types}types` : ''}`;
}

/** Billed rows of no known type: listed under the surcharges so that nothing billed goes unseen. */
function othersTable(rows: ChronoOtherRow[]) {
	return table<ChronoOtherRow>({
		id: 'autres',
		title: '❓ Autres lignes facturées (type non reconnu)',
		columns: [
			{ header: 'Date', kind: 'date', value: (o) => o.day },
			{ header: 'Partenaire', kind: 'text', value: (o) => o.partner },
			{ header: 'Tracking', kind: 'text', value: (o) => o.tracking },
			{ header: 'Libellé', kind: 'text', value: (o) => o.label },
			{ header: 'Montant (€)', kind: 'cents', value: (o) => o.amountCents },
			{ header: 'Ligne', kind: 'int', value: (o) => o.line }
		],
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

export function returnsOf(result: ChronoResult): ChronoSurchargeRow[] {
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

function chronoTabs(selected: readonly SurplusType[]): TabSpec<ChronoLine, ChronoResult>[] {
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

const SHEETS = {
	synthese: { name: 'Synthèse Partenaires', tab: 'synthese', table: 'synthese' },
	surplus: { name: 'Surplus Partenaires', tab: 'surplus', table: 'surplus' },
	detail: { name: 'Détail Commandes', tab: 'detail', table: 'detail' },
	retours: { name: 'Retours Expéditeur', tab: 'retours', table: 'retours' }
};

const exports: ExportSpec[] = [
	{
		id: 'synthese',
		label: '📥 Exporter Synthèse',
		fileName: (s) => `synthese_chronopost_${s.day}_${s.time}.xlsx`,
		sheets: [SHEETS.synthese],
		rows: 'filtered'
	},
	{
		id: 'surplus',
		label: '📥 Exporter Surplus',
		fileName: (s, f) => `surplus_chronopost${surplusSuffix(f)}_${s.day}_${s.time}.xlsx`,
		sheets: [SHEETS.surplus],
		rows: 'filtered'
	},
	{
		id: 'detail',
		label: '📥 Exporter Détail (écarts en votre défaveur)',
		fileName: (s) => `detail_chronopost_ecarts_defaveur_${s.day}_${s.time}.xlsx`,
		sheets: [{ ...SHEETS.detail, where: (d: ChronoDetailRow) => (d.ecartCents ?? 0) > 0 }],
		rows: 'filtered'
	},
	{
		id: 'retours',
		label: '📥 Exporter Retours',
		fileName: (s) => `retours_chronopost_${s.day}_${s.time}.xlsx`,
		sheets: [SHEETS.retours],
		rows: 'filtered'
	},
	{
		id: 'classeur',
		label: '📥 Exporter le classeur complet (4 feuilles)',
		fileName: (s) => `chronopost_analyse_${s.day}_${s.time}.xlsx`,
		sheets: [SHEETS.synthese, SHEETS.surplus, SHEETS.detail, SHEETS.retours],
		rows: 'all',
		reconciliation: true
	}
];

function typesLabel(selected: readonly SurplusType[]): string {
	return `${selected.length}/${SURPLUS_TYPES.length} types`;
}

/**
 * Chronopost for a selection of surcharge types counted in the "total à contester" (all seven by
 * default, RULINGS 8): the flags, the synthesis and the KPIs follow it.
 */
export function chronopostModuleFor(
	selected: readonly SurplusType[] = SURPLUS_TYPES
): CarrierModule<ChronoRow, ChronoLine, ChronoResult> {
	return {
		id: 'chronopost',
		store: 'chronopost',
		label: 'Chronopost',
		home: {
			caption: 'Analyse factures avec écarts et surplus',
			brand: { bg: '#0B3C8C', fg: '#FFFFFF' },
			files: 'factures Chronopost'
		},
		libraryIcon: '📦',
		refacturation: { column: 'Chronopost', rank: 4 },
		parser: parseChronopost,
		inputs: [
			{
				id: 'facture',
				label: 'Factures Chronopost (.xlsx)',
				accept: '.xlsx,.xls',
				parser: 'chronopost',
				hint: 'Facture PDF convertie en Excel : feuilles « Table 1 », « Table 2 »… avec les colonnes Date, N° d’objet, Poids, Montant HT.'
			}
		],
		rules: {
			acceptsCarrier: isChronopostCarrier,
			overweightToleranceG: CHRONO_OVERWEIGHT_TOLERANCE_G,
			gridCents: (weightG, match, line) =>
				gridPrice(weightG, match.country || (line as ChronoLine).country)?.cents ?? null
		},
		lines: chronoLines,
		billing: CHRONO_BILLING,
		flag: (lines) => flagChronopost(lines, selected),
		analyse: (lines) => analyseChronopost(lines),
		kpis: [
			{
				label: 'Total envois',
				value: (a) => formatInt(a.result.details.length),
				hint: (a) => `📅 ${rangeLabel(a.summary.dateRange)}`
			},
			{
				label: '⚖️ Écarts poids/prix',
				value: (a) => formatCents(a.result.positiveEcarts.cents),
				hint: (a) => `${a.result.positiveEcarts.count} cas en votre défaveur`,
				tone: (a) => (a.result.positiveEcarts.count ? 'alert' : 'ok')
			},
			{
				label: 'Total surplus',
				value: (a) => formatCents(surplusCents(a.result.byType, SURPLUS_TYPES)),
				hint: (a) => `${a.result.surcharges.length} cas`
			},
			{
				label: '💸 TOTAL À CONTESTER',
				value: (a) => formatCents(totalToContest(a.result, selected)),
				// RULINGS 8's total; the doublons (RULINGS 2) are contested on top, and the "À contester" tab sums both.
				hint: (a) =>
					`Écarts positifs + surplus (${typesLabel(selected)})${a.summary.duplicateExtraCents ? ` · doublons en plus : ${formatCents(a.summary.duplicateExtraCents)}` : ''}`,
				tone: (a) => (totalToContest(a.result, selected) ? 'alert' : 'ok')
			},
			{
				label: 'Surpoids',
				value: (a) => plural(a.result.overweightLines, 'envoi'),
				hint: (a) => `${plural(a.result.overpricedLines, 'envoi')} au-dessus de la grille au poids facturé`
			}
		],
		tabs: chronoTabs(selected),
		exports,
		// Legacy export contract (§4): the price gap when positive, plus every surcharge of the parcel.
		rebillCents: (ml) =>
			(ml.flags.find((f) => f.kind === 'ecart')?.amountCents ?? 0) +
			ml.line.surcharges.reduce((s, x) => s + x.amountCents, 0),
		// The worker rebuilds the module from the selection (`carrierFor` in $lib/carriers).
		worker: { options: [...selected] },
		withOptions: (options) => chronopostModuleFor(options as SurplusType[] | undefined)
	};
}

export const chronopostModule = chronopostModuleFor();
