/** DPD as data for the shared pipeline: its inputs, rules, the legacy's 4 tabs and exports. */
import { table, type ColumnSpec } from '$lib/analysis/table-spec';
import { formatCents, formatInt, plural } from '$lib/i18n/format';
import type { CarrierModule, ExportSpec, TabSpec } from '../pipeline/carrier.types';
import { parseDpd, type DpdRow } from './dpd.parser';
import {
	analyseDpd,
	DPD_BILLING,
	dpdLines,
	isDpdCarrier,
	type DpdDetail,
	type DpdLine,
	type DpdResult,
	type DpdSynthese
} from './dpd.rules';

type Col<Row> = ColumnSpec<Row>;

const c = {
	partner: { header: 'Partenaire', kind: 'text', value: (d) => d.partner },
	order: { header: 'N° Commande', kind: 'text', value: (d) => d.order },
	dpdId: { header: 'DPD ID', kind: 'text', value: (d) => d.dpdId },
	colis: { header: 'N° Colis', kind: 'text', value: (d) => d.colis },
	day: { header: 'Date expédition', kind: 'date', value: (d) => d.day },
	name: { header: 'Nom destinataire', kind: 'text', value: (d) => d.name },
	city: { header: 'Ville destinataire', kind: 'text', value: (d) => d.city },
	postcode: { header: 'CP destinataire', kind: 'text', value: (d) => d.postcode },
	country: { header: 'Pays destinataire', kind: 'text', value: (d) => d.country },
	transport: { header: 'Prix transport', kind: 'cents', value: (d) => d.transportCents },
	supplement: { header: 'Supplément île', kind: 'cents', value: (d) => d.supplementCents },
	nbRetours: { header: 'Nb retours', kind: 'int', value: (d) => d.nbRetours },
	retours: { header: 'Coût retours', kind: 'cents', value: (d) => d.retourCents },
	fuel: { header: 'Taxe Fuel', kind: 'cents', value: (d) => d.fuelCents },
	surete: { header: 'Taxe Sûreté', kind: 'cents', value: (d) => d.sureteCents },
	totalTaxes: { header: 'Total avec taxes', kind: 'cents', value: (d) => d.totalAvecTaxesCents },
	prixTotal: { header: 'Prix total ligne', kind: 'cents', value: (d) => d.prixTotalCents },
	control: { header: 'Contrôle', kind: 'text', value: (d) => d.control, screenOnly: true }
} satisfies Record<string, Col<DpdDetail>>;

const syntheseColumns: Col<DpdSynthese>[] = [
	{ header: 'Partenaire', kind: 'text', value: (s) => s.partner },
	{ header: 'Nb Expéditions', kind: 'int', value: (s) => s.nbExpeditions },
	{ header: 'Prix Transport', kind: 'cents', value: (s) => s.transportCents },
	{ header: 'Suppléments Île', kind: 'cents', value: (s) => s.supplementCents },
	{ header: 'Nb Retours', kind: 'int', value: (s) => s.nbRetours },
	{ header: 'Coût Retours', kind: 'cents', value: (s) => s.retourCents },
	{ header: 'Taxe Fuel', kind: 'cents', value: (s) => s.fuelCents },
	{ header: 'Taxe Sûreté', kind: 'cents', value: (s) => s.sureteCents },
	{ header: 'Total avec Taxes', kind: 'cents', value: (s) => s.totalAvecTaxesCents },
	{ header: 'Prix Total Ligne', kind: 'cents', value: (s) => s.prixTotalCents }
];

const doublon = (d: DpdDetail) => (d.toContestCents > 0 ? ('alert' as const) : null);
const claimOf = (d: DpdDetail) =>
	d.toContestCents > 0
		? {
				tracking: d.dpdId,
				carrier: 'DPD',
				partner: d.partner,
				amountCents: d.toContestCents,
				motif: d.control,
				notes: `${d.fileName}, ligne ${d.line}`,
				shippingDate: d.day ?? undefined
			}
		: null;

const tabs: TabSpec<DpdLine, DpdResult>[] = [
	{
		id: 'synthese',
		label: '📊 Synthèse',
		heading: 'Synthèse par Partenaire',
		// "Total avec Taxes" keeps the legacy's name and formula (without transport, bug 14): the info says so.
		info: (a) =>
			`${plural(a.result.synthese.length, 'partenaire')} · ${formatCents(a.result.stats.prixTotalCents)} · « Total avec Taxes » = suppléments + retours + taxes, hors transport ; « Prix Total Ligne » = tout ce qui est facturé`,
		tables: (a) => [
			table<DpdSynthese>({
				id: 'synthese',
				columns: syntheseColumns,
				rows: a.result.synthese,
				filters: [{ id: 'q', kind: 'search', label: '🔍 Rechercher partenaire', text: (s) => s.partner }]
			})
		],
		exports: ['synthese']
	},
	{
		id: 'detail',
		label: '📋 Détail',
		heading: 'Détail des Expéditions',
		info: (a) => `📊 ${formatInt(a.result.detail.length)} expéditions`,
		tables: (a) => [
			table<DpdDetail>({
				id: 'detail',
				columns: [
					c.control,
					c.partner,
					c.order,
					c.dpdId,
					c.colis,
					c.day,
					c.name,
					c.city,
					c.postcode,
					c.country,
					c.transport,
					c.supplement,
					c.nbRetours,
					c.retours,
					c.fuel,
					c.surete,
					c.totalTaxes,
					c.prixTotal
				],
				rows: a.result.detail,
				filters: [
					{ id: 'q', kind: 'search', label: '🔍 Rechercher', text: (d) => `${d.partner} ${d.dpdId}` },
					{ id: 'partner', kind: 'partner', label: 'Partenaire', partner: (d) => d.partner },
					{ id: 'doublons', kind: 'toggle', label: 'Doublons uniquement', test: (d) => d.toContestCents > 0 }
				],
				tone: doublon,
				claim: claimOf
			})
		],
		exports: ['detail']
	},
	{
		id: 'supplements',
		label: '🏝️ Suppléments Île',
		heading: 'Suppléments Île et Montagne',
		info: (a) =>
			`🏝️ ${formatInt(a.result.supplements.length)} expéditions avec suppléments · ${formatCents(a.result.stats.supplementCents)}`,
		tables: (a) => [
			table<DpdDetail>({
				id: 'supplements',
				columns: [
					c.partner,
					c.order,
					c.dpdId,
					c.day,
					c.city,
					c.postcode,
					c.country,
					c.supplement,
					c.fuel,
					c.surete,
					c.prixTotal
				],
				rows: a.result.supplements,
				tone: doublon
			})
		],
		exports: ['supplements']
	},
	{
		id: 'retours',
		label: '↩️ Retours',
		heading: 'Retours',
		info: (a) =>
			`↩️ ${formatInt(a.result.retours.length)} expéditions avec retours · ${formatCents(a.result.stats.retourCents)}`,
		tables: (a) => [
			table<DpdDetail>({
				id: 'retours',
				columns: [c.partner, c.order, c.dpdId, c.day, c.nbRetours, c.retours, c.fuel, c.surete, c.prixTotal],
				rows: a.result.retours,
				tone: doublon
			})
		],
		exports: ['retours']
	}
];

/** The legacy's four single-sheet files (same names), plus one workbook with the four sheets (RULINGS 9). */
const SHEETS = {
	synthese: { name: 'Synthèse', tab: 'synthese', table: 'synthese' },
	detail: { name: 'Détail', tab: 'detail', table: 'detail' },
	supplements: { name: 'Suppléments', tab: 'supplements', table: 'supplements' },
	retours: { name: 'Retours', tab: 'retours', table: 'retours' }
};

/** One of the legacy's four single-sheet files, named as the legacy named it. */
function singleSheet(id: keyof typeof SHEETS, label: string): ExportSpec {
	return {
		id,
		label: `📥 Exporter ${label}`,
		fileName: (s) => `dpd_${id}_${s.day}.xlsx`,
		sheets: [SHEETS[id]],
		rows: 'filtered'
	};
}

const exports: ExportSpec[] = [
	singleSheet('synthese', 'Synthèse'),
	singleSheet('detail', 'Détail'),
	singleSheet('supplements', 'Suppléments'),
	singleSheet('retours', 'Retours'),
	{
		id: 'classeur',
		label: '📥 Exporter le classeur complet (4 feuilles)',
		fileName: (s) => `dpd_analyse_${s.day}.xlsx`,
		sheets: [SHEETS.synthese, SHEETS.detail, SHEETS.supplements, SHEETS.retours],
		rows: 'all',
		reconciliation: true
	}
];

export const dpdModule: CarrierModule<DpdRow, DpdLine, DpdResult> = {
	id: 'dpd',
	store: 'dpd',
	label: 'DPD',
	home: {
		caption: 'Analyse avec taxes automatiques',
		brand: { bg: '#DC0032', fg: '#FFFFFF' },
		files: 'factures DPD'
	},
	libraryIcon: '📊',
	refacturation: { column: 'DPD', rank: 1 },
	parser: parseDpd,
	inputs: [
		{
			id: 'predict',
			label: 'DPD Predict',
			accept: '.xlsx,.xls',
			parser: 'dpd',
			hint: 'première feuille, colonnes « DPD ID », « Prix transport »…'
		},
		{
			id: 'classic',
			label: 'DPD Classic',
			accept: '.xlsx,.xls',
			parser: 'dpd',
			hint: 'même structure que Predict'
		}
	],
	rules: { acceptsCarrier: isDpdCarrier },
	lines: dpdLines,
	billing: DPD_BILLING,
	analyse: (lines) => analyseDpd(lines),
	kpis: [
		{ label: 'Expéditions', value: (a) => formatInt(a.result.stats.nbExpeditions) },
		{ label: 'Partenaires', value: (a) => formatInt(a.result.stats.nbPartenaires) },
		{
			label: 'Prix Total',
			value: (a) => formatCents(a.result.stats.prixTotalCents),
			hint: (a) => `dont transport ${formatCents(a.result.stats.transportCents)}`
		},
		{
			label: 'Taxes',
			value: (a) => formatCents(a.result.stats.fuelCents + a.result.stats.sureteCents),
			hint: (a) =>
				`Fuel ${formatCents(a.result.stats.fuelCents)} · Sûreté ${formatCents(a.result.stats.sureteCents)}`
		}
	],
	tabs,
	exports,
	worker: {}
};
