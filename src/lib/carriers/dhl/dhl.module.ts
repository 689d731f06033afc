/** DHL as data for the shared pipeline: its CSV input, rules, the legacy tabs and the formatted export. */
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import { rangeLabel } from '$lib/analysis/range-label';
import { table, type ColumnSpec } from '$lib/analysis/table-spec';
import { formatCents, formatInt, plural } from '$lib/i18n/format';
import { flagLabel } from '../pipeline/carrier.analysis';
import { repeatedInvoicesNote } from '../pipeline/repeated-invoices';
import type { CarrierModule, ExportSpec, MatchedLine, TabSpec } from '../pipeline/carrier.types';
import { parseDhl, XC_SLOTS, type DhlRow } from './dhl.parser';
import {
	DETAIL_HEADERS,
	DHL_OVERWEIGHT_TOLERANCE_G,
	KEY_COLUMNS,
	analyseDhl,
	DHL_BILLING,
	dhlLines,
	type ColumnSummary,
	type DhlCodeRow,
	type DhlLine,
	type DhlPartnerRow,
	type DhlResult
} from './dhl.rules';

/** 3PL rows that count for DHL (DHL, DHL Express…), or with no carrier written. */
export function isDhlCarrier(carrierUpper: string): boolean {
	return carrierUpper === '' || carrierUpper.includes('DHL');
}

/** The legacy's yellow, on the key amounts of the detail sheet. */
const YELLOW = 'FFFF00';

type Shipment = MatchedLine<DhlLine>;
type Value = ColumnSpec<Shipment>['value'];

function xcValues(n: number): Record<string, [ColumnSpec<Shipment>['kind'], Value]> {
	const x = (m: Shipment) => m.line.row.xc[n - 1];
	return {
		[`XC${n}_Code`]: ['text', (m) => x(m).code],
		[`XC${n}_Nom`]: ['text', (m) => x(m).name],
		[`XC${n}_Montant_HT`]: ['cents', (m) => x(m).chargeCents],
		[`XC${n}_Taxe`]: ['cents', (m) => x(m).taxCents],
		[`XC${n}_Total_TTC`]: ['cents', (m) => x(m).totalCents]
	};
}

/** How each of the 42 export columns is read from a shipment: amounts as numbers (legacy bug 3). */
const VALUES: Record<string, [ColumnSpec<Shipment>['kind'], Value]> = {
	Num_Commande_Origine: ['text', (m) => m.match?.originOrder ?? ''],
	Num_Commande_Partenaire: ['text', (m) => m.match?.partnerOrder ?? ''],
	Partenaire: ['text', (m) => m.partner],
	Match: ['text', (m) => (m.match ? 'Oui' : 'Non')],
	Numero_Expedition: ['text', (m) => m.line.row.shipmentNumber],
	Date_Expedition: ['date', (m) => m.line.row.date],
	Expediteur: ['text', (m) => m.line.row.sender],
	Destination: ['text', (m) => `${m.line.row.destName} - ${m.line.row.destCountry}`],
	Poids_kg: ['kg', (m) => m.line.row.weightKg],
	Devise: ['text', (m) => m.line.row.currency],
	Tarif_Base_HT: ['cents', (m) => m.line.row.baseCents],
	Tarif_Base_Taxe: ['cents', (m) => m.line.row.baseTaxCents],
	...Object.assign({}, ...XC_SLOTS.map(xcValues)),
	Total_Frais_Supp_HT: ['cents', (m) => m.line.row.xcTotalCents],
	Total_Frais_Supp_Taxe: ['cents', (m) => m.line.row.xcTaxCents],
	Total_HT: ['cents', (m) => m.line.row.totalHtCents],
	Total_Taxes: ['cents', (m) => m.line.row.totalTaxCents],
	Total_TTC: ['cents', (m) => m.line.row.totalTtcCents]
};

const control = (m: Shipment) => m.flags.map(flagLabel).join(', ') || (m.match ? '' : NON_ATTRIBUE);

const detailColumns: ColumnSpec<Shipment>[] = [
	{ header: 'Contrôle', kind: 'text', value: control, screenOnly: true },
	...DETAIL_HEADERS.map((header) => ({
		header,
		kind: VALUES[header][0],
		value: VALUES[header][1],
		fill: KEY_COLUMNS.includes(header) ? YELLOW : undefined
	}))
];

const summaryColumns: ColumnSpec<ColumnSummary>[] = [
	{ header: 'Colonne Excel', kind: 'text', value: (s) => s.letter },
	{ header: 'Nom Colonne', kind: 'text', value: (s) => s.column },
	{ header: 'Description', kind: 'text', value: (s) => s.description },
	{ header: 'Nb Lignes', kind: 'int', value: (s) => s.count },
	{ header: 'Montant Total (€)', kind: 'cents', value: (s) => s.totalCents },
	{ header: 'Montant Moyen (€)', kind: 'cents', value: (s) => s.meanCents },
	{ header: 'Montant Min (€)', kind: 'cents', value: (s) => s.minCents },
	{ header: 'Montant Max (€)', kind: 'cents', value: (s) => s.maxCents }
];

const tabs: TabSpec<DhlLine, DhlResult>[] = [
	{
		id: 'synthese',
		label: '📊 Synthèse Colonnes',
		heading: 'Synthèse des Colonnes Clés',
		info: (a) =>
			`Colonnes surlignées en jaune dans l'export : ${a.result.columns.map((c) => `${c.letter} ${c.column}`).join(', ')}. Nb Lignes, moyenne, min et max portent sur les lignes dont le montant n'est pas nul.${a.result.currencies.some((c) => c !== 'EUR') ? ` Devises présentes : ${a.result.currencies.join(', ')}.` : ''}${repeatedInvoicesNote(a.result.repeatedInvoices)}`,
		tables: (a) => [
			table<ColumnSummary>({ id: 'colonnes', columns: summaryColumns, rows: a.result.columns }),
			table<DhlPartnerRow>({
				id: 'partenaires',
				title: 'Par partenaire',
				columns: [
					{ header: 'Partenaire', kind: 'text', value: (p) => p.partner },
					{ header: 'Nb Expéditions', kind: 'int', value: (p) => p.shipments },
					{ header: 'Tarif de base HT (€)', kind: 'cents', value: (p) => p.baseCents },
					{ header: 'Frais supplémentaires HT (€)', kind: 'cents', value: (p) => p.xcCents },
					{ header: 'Total HT (€)', kind: 'cents', value: (p) => p.totalHtCents },
					{ header: 'Total TTC (€)', kind: 'cents', value: (p) => p.totalTtcCents }
				],
				rows: a.result.partners,
				filters: [
					{ id: 'partner', kind: 'partner', label: 'Filtrer par partenaire', partner: (p) => p.partner }
				],
				tone: (p) => (p.partner === NON_ATTRIBUE ? 'warn' : null)
			}),
			table<DhlCodeRow>({
				id: 'codes',
				title: 'Frais supplémentaires par code',
				columns: [
					{ header: 'Code', kind: 'text', value: (c) => c.code },
					{ header: 'Libellé', kind: 'text', value: (c) => c.name },
					{ header: 'Nb Lignes', kind: 'int', value: (c) => c.count },
					{ header: 'Montant HT (€)', kind: 'cents', value: (c) => c.cents }
				],
				rows: a.result.codes
			})
		],
		exports: ['facturation']
	},
	{
		id: 'detail',
		label: '📋 Données Détaillées',
		heading: 'Données Détaillées',
		info: (a) => `📊 ${formatInt(a.lines.length)} expéditions · ${formatCents(a.result.totalTtcCents)} TTC`,
		tables: (a) => [
			table<Shipment>({
				id: 'detail',
				columns: detailColumns,
				rows: a.lines,
				filters: [
					{ id: 'partner', kind: 'partner', label: 'Filtrer par partenaire', partner: (m) => m.partner },
					{
						id: 'q',
						kind: 'search',
						label: '🔍 Rechercher une expédition',
						text: (m) => `${m.line.row.shipmentNumber} ${m.line.row.destName}`
					},
					{
						id: 'matched',
						kind: 'toggle',
						label: 'Afficher uniquement les trackings matchés',
						test: (m) => !!m.match
					}
				],
				tone: (m) =>
					m.flags.some((f) => f.amountCents > 0) ? 'alert' : m.flags.length || !m.match ? 'warn' : null,
				claim: (m) =>
					m.flags.length
						? {
								tracking: m.line.tracking,
								carrier: 'DHL',
								partner: m.match ? m.partner : undefined,
								amountCents: m.flags.reduce((s, f) => s + f.amountCents, 0) || undefined,
								motif: m.flags.map((f) => f.label).join(', '),
								notes: `${m.line.source.fileName}, ligne ${m.line.source.line}`,
								shippingDate: m.match?.shipDate ?? m.line.day ?? undefined
							}
						: null
			})
		],
		exports: ['facturation']
	}
];

const exports: ExportSpec[] = [
	{
		id: 'facturation',
		label: '📥 Télécharger Excel',
		fileName: (s) => `DHL_Facturation_${s.day}.xlsx`,
		sheets: [
			{ name: 'Données Détaillées', tab: 'detail', table: 'detail' },
			{ name: 'Synthèse Colonnes', tab: 'synthese', table: 'colonnes' }
		],
		// The legacy's file is the whole invoice, whatever the tab filters (spec §3.4).
		rows: 'all',
		reconciliation: true
	}
];

export const dhlModule: CarrierModule<DhlRow, DhlLine, DhlResult> = {
	id: 'dhl',
	store: 'dhl',
	label: 'DHL',
	home: {
		caption: 'Facturation avec frais supplémentaires',
		brand: { bg: '#FFCC00', fg: '#B00410' },
		files: 'factures DHL'
	},
	libraryIcon: '📦',
	refacturation: { column: 'DHL', rank: 6 },
	parser: parseDhl,
	inputs: [
		{
			id: 'facture',
			label: 'Sélectionnez le fichier DHL (DHLFR_TD_concatenated_*.csv)',
			accept: '.csv',
			parser: 'dhl',
			hint: 'Export de facturation DHL Express (.csv, virgule ou point-virgule) : colonnes « Line Type », « Shipment Number », « Weight Charge », XC1…XC5, totaux.'
		}
	],
	rules: { acceptsCarrier: isDhlCarrier, overweightToleranceG: DHL_OVERWEIGHT_TOLERANCE_G },
	lines: dhlLines,
	billing: DHL_BILLING,
	analyse: (lines) => analyseDhl(lines),
	kpis: [
		{
			label: 'Total expéditions',
			value: (a) => formatInt(a.lines.length),
			hint: (a) => `📅 ${rangeLabel(a.summary.dateRange)}`
		},
		{
			label: 'Total TTC',
			value: (a) => formatCents(a.result.totalTtcCents),
			hint: (a) => `${formatCents(a.result.totalHtCents)} HT`
		},
		{
			label: 'Trackings matchés',
			value: (a) => `${formatInt(a.summary.matchedLines)}/${formatInt(a.summary.billedLines)}`,
			hint: (a) =>
				`${((a.summary.billedLines ? a.summary.matchedLines / a.summary.billedLines : 0) * 100).toFixed(1).replace('.', ',')} % trouvés dans les fichiers logisticiens`
		},
		{ label: 'Partenaires', value: (a) => formatInt(a.summary.partners) },
		{
			label: 'Surpoids',
			value: (a) => plural(a.summary.overweightLines, 'expédition'),
			hint: () => 'Poids facturé > poids logisticien + 500 g',
			tone: (a) => (a.summary.overweightLines ? 'alert' : 'ok')
		}
	],
	tabs,
	exports,
	worker: {}
};
