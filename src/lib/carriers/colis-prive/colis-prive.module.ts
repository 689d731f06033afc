/** Colis Privé as data for the shared pipeline: its CSV input, rules, the legacy's 3 tabs and its export. */
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import { rangeLabel } from '$lib/analysis/range-label';
import type { ClaimPrefill } from '$lib/claims/claims.prefill';
import { table, type ColumnSpec, type FilterSpec } from '$lib/analysis/table-spec';
import { formatCents, formatInt, plural } from '$lib/i18n/format';
import { flagLabel } from '../pipeline/carrier.analysis';
import { lineSearchText } from '../pipeline/carrier.search';
import type { CarrierModule, ExportSpec, TabSpec } from '../pipeline/carrier.types';
import { parseColisPrive, type ColisPriveRow } from './colis-prive.parser';
import {
	COLIS_PRIVE_OVERWEIGHT_TOLERANCE_G,
	analyseColisPrive,
	COLIS_PRIVE_BILLING,
	colisPriveLines,
	hasMajoration,
	isColisPriveCarrier,
	type ColisPriveLine,
	type ColisPriveResult,
	type Croisement,
	type PartnerMajorations
} from './colis-prive.rules';

const CARRIER = 'Colis Privé';
type Col = ColumnSpec<Croisement>;

const percent = (n: number, of: number) => `${((of ? n / of : 0) * 100).toFixed(1).replace('.', ',')} %`;
const lignes = (n: number) => plural(n, 'ligne');
const majorations = (rows: Croisement[]) => rows.reduce((s, m) => s + (m.line.row.majorationCents ?? 0), 0);

/** The legacy's columns; the 3PL weight is in grams, so its header says it (legacy CP-6). */
const c = {
	control: {
		header: 'Contrôle',
		kind: 'text',
		value: (m) => m.flags.map(flagLabel).join(', ') || (m.match ? '' : NON_ATTRIBUE),
		exportLast: true
	},
	partner: { header: 'Nom du partenaire', kind: 'text', value: (m) => m.partner },
	originOrder: {
		header: "Numéro de commande d'origine",
		kind: 'text',
		value: (m) => m.match?.originOrder ?? ''
	},
	partnerOrder: {
		header: 'Numéro de commande partenaire',
		kind: 'text',
		value: (m) => m.match?.partnerOrder ?? ''
	},
	tracking: {
		header: 'Numéro de tracking',
		kind: 'text',
		value: (m) => m.line.tracking || m.line.row.trackingText
	},
	orderDate: { header: 'Date de la commande', kind: 'date', value: (m) => m.match?.orderDate ?? null },
	weightG: { header: 'Poids expédition (g)', kind: 'int', value: (m) => m.match?.weightG ?? null },
	weightKg: { header: 'Poids facturé', kind: 'kg', value: (m) => m.line.row.weightKg },
	postcode: { header: 'Code Postal', kind: 'text', value: (m) => m.line.row.postcode },
	majoration: { header: 'Majoration service', kind: 'cents', value: (m) => m.line.row.majorationCents }
} satisfies Record<string, Col>;

/** The 9 columns of the "📋 Détail complet" tab and of the export, in the legacy's order. */
const CROISEMENT: Col[] = [
	c.partner,
	c.originOrder,
	c.partnerOrder,
	c.tracking,
	c.orderDate,
	c.weightG,
	c.weightKg,
	c.postcode,
	c.majoration
];

const partnerFilter: FilterSpec<Croisement> = {
	id: 'partner',
	kind: 'partner',
	label: 'Filtrer par partenaire:',
	partner: (m) => m.partner
};

/** Red like the legacy's export for surcharged lines and lines to contest; amber for lines to look at. */
const tone = (m: Croisement) =>
	hasMajoration(m) || m.flags.some((f) => f.amountCents > 0)
		? ('alert' as const)
		: m.flags.length || !m.match
			? ('warn' as const)
			: null;

const claim = (m: Croisement): ClaimPrefill | null =>
	m.flags.length
		? {
				tracking: m.line.tracking,
				carrier: CARRIER,
				partner: m.match ? m.partner : undefined,
				amountCents: m.flags.reduce((s, f) => s + f.amountCents, 0) || undefined,
				motif: m.flags.map((f) => f.label).join(', '),
				notes: `${m.line.source.fileName}, ligne ${m.line.source.line}`,
				shippingDate: m.match?.shipDate ?? m.line.day ?? undefined
			}
		: null;

const tabs: TabSpec<ColisPriveLine, ColisPriveResult>[] = [
	{
		id: 'vue',
		label: "📊 Vue d'ensemble",
		heading: "📊 Vue d'ensemble",
		info: (a) =>
			`${lignes(a.result.stats.lines)} facturées · ${formatInt(a.result.stats.crossedLines)} croisées avec les fichiers logisticiens · ${formatCents(a.result.stats.majorationsCents)} de majorations`,
		tables: (a) => [
			table<Croisement>({
				id: 'top',
				title: '🔝 Top 10 des majorations les plus élevées',
				columns: [c.tracking, c.partner, c.postcode, c.majoration],
				rows: a.result.top,
				tone,
				empty: '✅ Aucune majoration détectée !'
			}),
			table<PartnerMajorations>({
				id: 'partenaires',
				title: '👥 Répartition des majorations par partenaire',
				columns: [
					{ header: 'Partenaire', kind: 'text', value: (p) => p.partner },
					{ header: 'Total envois', kind: 'int', value: (p) => p.envois },
					{ header: 'Total majorations (€)', kind: 'cents', value: (p) => p.majorationsCents },
					{ header: 'Nb avec majoration', kind: 'int', value: (p) => p.withMajoration }
				],
				rows: a.result.partners,
				tone: (p) => (p.partner === NON_ATTRIBUE ? 'warn' : null)
			})
		],
		exports: ['vue']
	},
	{
		id: 'majorations',
		label: '⚠️ Majorations détectées',
		heading: '⚠️ Majorations détectées',
		info: (a) =>
			a.result.majorations.length
				? `⚠️ ${plural(a.result.majorations.length, 'ligne avec majoration détectée', 'lignes avec majoration détectées')}${a.result.stats.unmatchedWithMajoration ? `, dont ${lignes(a.result.stats.unmatchedWithMajoration)} ${NON_ATTRIBUE} (${formatCents(a.result.stats.unmatchedMajorationsCents)})` : ''}`
				: '✅ Aucune majoration détectée dans ce croisement !',
		tables: (a) => [
			table<Croisement>({
				id: 'majorations',
				columns: [
					c.control,
					c.tracking,
					c.partner,
					c.originOrder,
					c.postcode,
					c.weightG,
					c.weightKg,
					c.majoration
				],
				rows: a.result.majorations,
				filters: [
					partnerFilter,
					{
						id: 'min',
						kind: 'minCents',
						label: 'Majoration minimale (€):',
						cents: (m) => m.line.row.majorationCents
					}
				],
				tone,
				claim,
				footer: (rows) =>
					`📊 ${plural(rows.length, 'ligne affichée', 'lignes affichées')} (après filtres) · 💰 Total majorations (filtré) : ${formatCents(majorations(rows))}`,
				empty: '✅ Aucune majoration détectée dans ce croisement !'
			})
		]
	},
	{
		id: 'detail',
		label: '📋 Détail complet',
		heading: '📋 Détail complet du croisement',
		info: () =>
			"L'export Excel contient toutes les lignes, sans les filtres de cet onglet ; les lignes avec majoration y sont en rouge.",
		tables: (a) => [
			table<Croisement>({
				id: 'croisement',
				columns: [c.control, ...CROISEMENT],
				rows: a.result.rows,
				filters: [
					partnerFilter,
					{
						id: 'majorations',
						kind: 'toggle',
						label: 'Afficher uniquement les majorations',
						test: hasMajoration
					},
					{
						id: 'q',
						kind: 'search',
						label: '🔍 Rechercher (tracking, commande, ville, code postal)',
						text: lineSearchText
					}
				],
				tone,
				claim,
				footer: (rows) => `📊 ${plural(rows.length, 'ligne affichée', 'lignes affichées')}`
			})
		],
		exports: ['croisement']
	}
];

const exports: ExportSpec[] = [
	{
		id: 'croisement',
		label: '📥 Télécharger Excel (avec majorations en rouge)',
		fileName: (s) => `Croisement_Colis_Prive_${s.day}_${s.time}.xlsx`,
		sheets: [{ name: 'Croisement', tab: 'detail', table: 'croisement' }],
		// The legacy's file is the whole result, whatever the tab filters (spec §4.5); the tab says so.
		rows: 'all'
	},
	{
		id: 'vue',
		label: "📥 Exporter la vue d'ensemble",
		fileName: (s) => `Vue_ensemble_Colis_Prive_${s.day}_${s.time}.xlsx`,
		sheets: [
			{ name: 'Top 10 majorations', tab: 'vue', table: 'top' },
			{ name: 'Majorations par partenaire', tab: 'vue', table: 'partenaires' }
		],
		rows: 'all',
		reconciliation: true
	}
];

export const colisPriveModule: CarrierModule<ColisPriveRow, ColisPriveLine, ColisPriveResult> = {
	id: 'colis-prive',
	store: 'colisPrive',
	label: CARRIER,
	home: {
		caption: 'Croisement avec détection majorations',
		brand: { bg: '#1D1D1B', fg: '#FFFFFF' },
		files: 'factures Colis Privé'
	},
	libraryIcon: '🚚',
	refacturation: { column: 'Colis_Prive', rank: 5 },
	parser: parseColisPrive,
	inputs: [
		{
			id: 'facture',
			label: 'Fichier CSV Colis Privé',
			accept: '.csv',
			parser: 'colis-prive',
			hint: 'Export CSV Colis Privé (point-virgule, virgule décimale) : colonnes « Tracking », « Poids facturé », « Majoration service », « Code Postal ».'
		}
	],
	rules: { acceptsCarrier: isColisPriveCarrier, overweightToleranceG: COLIS_PRIVE_OVERWEIGHT_TOLERANCE_G },
	lines: colisPriveLines,
	billing: COLIS_PRIVE_BILLING,
	// Legacy export contract: the partner is re-billed the « Majoration service », not the transport.
	rebillCents: (ml) => ml.line.row.majorationCents ?? 0,
	analyse: (lines) => analyseColisPrive(lines),
	kpis: [
		{
			label: 'Total lignes croisées',
			value: (a) => formatInt(a.result.stats.crossedLines),
			hint: (a) => `sur ${lignes(a.result.stats.lines)} facturées · 📅 ${rangeLabel(a.summary.dateRange)}`
		},
		{
			label: 'Lignes avec majorations',
			value: (a) => formatInt(a.result.stats.withMajoration),
			hint: (a) => `dont ${formatInt(a.result.stats.crossedWithMajoration)} croisées`
		},
		{
			label: 'Total majorations',
			value: (a) => formatCents(a.result.stats.majorationsCents),
			hint: (a) => `dont ${formatCents(a.result.stats.crossedMajorationsCents)} sur les lignes croisées`
		},
		{
			label: '% avec majorations',
			value: (a) => percent(a.result.stats.withMajoration, a.result.stats.lines),
			hint: (a) =>
				`${percent(a.result.stats.crossedWithMajoration, a.result.stats.crossedLines)} des lignes croisées`
		},
		{
			label: `Majorations ${NON_ATTRIBUE}`,
			value: (a) => formatCents(a.result.stats.unmatchedMajorationsCents),
			hint: (a) =>
				`${lignes(a.result.stats.unmatchedWithMajoration)} avec majoration absentes des fichiers logisticiens`,
			tone: (a) => (a.result.stats.unmatchedMajorationsCents > 0 ? 'alert' : 'ok')
		},
		{
			label: 'Surpoids',
			value: (a) => lignes(a.summary.overweightLines),
			hint: () => 'Poids facturé > poids logisticien + 10 g',
			tone: (a) => (a.summary.overweightLines ? 'alert' : 'ok')
		}
	],
	tabs,
	exports,
	worker: {}
};
