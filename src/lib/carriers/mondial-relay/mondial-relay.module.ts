/** Mondial Relay (TOOPOST returns) as data for the shared pipeline: its CSV input, rules, the legacy's tabs and exports. */
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import { rangeLabel } from '$lib/analysis/range-label';
import { table, type ColumnSpec } from '$lib/analysis/table-spec';
import { formatCents, formatInt, plural } from '$lib/i18n/format';
import type { Analysis, CarrierModule, ExportSpec, TabSpec } from '../pipeline/carrier.types';
import { ACCOUNT, parseMondialRelay, type MondialRelayRow } from './mondial-relay.parser';
import {
	STATUS_KO,
	analyseMondialRelay,
	matchReturn,
	MONDIAL_RELAY_BILLING,
	mondialRelayLines,
	type MatchKey,
	type MondialRelayDetail,
	type MondialRelayLine,
	type MondialRelayResult,
	type MondialRelaySynthese
} from './mondial-relay.rules';

type A = Analysis<MondialRelayLine, MondialRelayResult>;

const percent = (part: number, whole: number) =>
	`${(whole ? (part / whole) * 100 : 0).toFixed(1).replace('.', ',')} %`;

const KEY_LABELS: Record<MatchKey, string> = {
	colis: 'référence = n° de colis',
	tracking: 'référence = tracking aller',
	commande: 'référence = n° de commande',
	'tracking retour': 'tracking retour'
};

const syntheseColumns: ColumnSpec<MondialRelaySynthese>[] = [
	{ header: 'Partenaire', kind: 'text', value: (s) => s.partner },
	{ header: 'Nb Retours', kind: 'int', value: (s) => s.returns },
	{ header: 'Montant Base (€)', kind: 'cents', value: (s) => s.baseCents },
	{ header: 'Majoration Service (€)', kind: 'cents', value: (s) => s.surchargeCents },
	{ header: 'Montant Total (€)', kind: 'cents', value: (s) => s.totalCents }
];

/** What the "Contrôle" column says of a return: its flags, and the copies listed in the file. */
function control(d: MondialRelayDetail): string {
	const repeats = d.repeats.length
		? `Listée aussi ligne${d.repeats.length > 1 ? 's' : ''} ${d.repeats.join(', ')} (comptée une fois)`
		: '';
	return [d.control, repeats].filter(Boolean).join(' · ');
}

/** The legacy's 11 columns, in its order, after the screen's own. */
const detailColumns: ColumnSpec<MondialRelayDetail>[] = [
	{ header: 'Contrôle', kind: 'text', value: control, exportLast: true },
	{ header: 'Partenaire', kind: 'text', value: (d) => d.partner },
	{ header: 'Tracking Retour', kind: 'text', value: (d) => d.returnTracking },
	{ header: 'Tracking Aller', kind: 'text', value: (d) => d.outboundTracking },
	{ header: 'N° Colis', kind: 'text', value: (d) => d.reference },
	{ header: 'N° Commande Origine', kind: 'text', value: (d) => d.originOrder },
	{ header: 'Date PCH', kind: 'date', value: (d) => d.day },
	{ header: 'Poids Facturé', kind: 'kg', value: (d) => d.weightKg },
	{ header: 'Montant Base (€)', kind: 'cents', value: (d) => d.baseCents },
	{ header: 'Majoration Service (€)', kind: 'cents', value: (d) => d.surchargeCents },
	{ header: 'Montant Total (€)', kind: 'cents', value: (d) => d.totalCents },
	{ header: 'Statut', kind: 'text', value: (d) => d.status },
	{
		header: 'Correspondance',
		kind: 'text',
		value: (d) => (d.key ? KEY_LABELS[d.key] : 'aucune'),
		exportLast: true
	}
];

function sums<Row extends { baseCents: number; surchargeCents: number; totalCents: number }>(rows: Row[]) {
	return {
		base: rows.reduce((s, r) => s + r.baseCents, 0),
		surcharge: rows.reduce((s, r) => s + r.surchargeCents, 0),
		total: rows.reduce((s, r) => s + r.totalCents, 0)
	};
}

function matchingReport(a: A): string {
	const { stats } = a.result;
	const keys = (Object.keys(KEY_LABELS) as MatchKey[])
		.filter((k) => stats.byKey[k])
		.map((k) => `${formatInt(stats.byKey[k])} par ${KEY_LABELS[k]}`)
		.join(', ');
	const repeated = stats.repeatedLines
		? ` · ${plural(stats.repeatedLines, 'ligne listée', 'lignes listées')} deux fois à l'identique, comptée${stats.repeatedLines > 1 ? 's' : ''} une fois`
		: '';
	const missing = stats.unidentified
		? ` · ⚠️ ${plural(stats.unidentified, 'retour')} sans partenaire : référence client inconnue des fichiers logisticiens de la période (vérifiez-les ou élargissez la période)`
		: '';
	const noSurcharge = stats.filesWithoutSurcharge.length
		? ` · ⚠️ Colonne « Majoration de service » absente de ${stats.filesWithoutSurcharge.join(', ')} : majoration comptée 0 €`
		: '';
	return `📊 ${plural(stats.returns, `retour ${ACCOUNT}`, `retours ${ACCOUNT}`)} · ${formatInt(stats.identified)} identifiés (${percent(stats.identified, stats.returns)})${keys ? ` : ${keys}` : ''} · ${formatInt(stats.unidentified)} ${NON_ATTRIBUE} (${percent(stats.unidentified, stats.returns)})${repeated}${missing}${noSurcharge}`;
}

const tabs: TabSpec<MondialRelayLine, MondialRelayResult>[] = [
	{
		id: 'synthese',
		label: '📊 Synthèse par Partenaire',
		heading: 'Synthèse par Partenaire',
		info: matchingReport,
		tables: (a) => [
			table<MondialRelaySynthese>({
				id: 'synthese',
				columns: syntheseColumns,
				rows: a.result.synthese,
				filters: [{ id: 'q', kind: 'search', label: '🔍 Rechercher partenaire', text: (s) => s.partner }],
				tone: (s) => (s.partner === NON_ATTRIBUE ? 'warn' : null),
				footer: (rows) => {
					const t = sums(rows);
					return `Totaux : Retours ${formatInt(rows.reduce((s, r) => s + r.returns, 0))} · Base ${formatCents(t.base)} · Majoration Service ${formatCents(t.surcharge)} · Total ${formatCents(t.total)}`;
				},
				empty: `Aucun retour ${ACCOUNT} dans les fichiers chargés.`
			})
		],
		exports: ['synthese']
	},
	{
		id: 'detail',
		label: '📋 Détail des Retours',
		heading: 'Détail des Retours',
		info: (a) => `📅 ${rangeLabel(a.summary.dateRange)} · Montant Total = Prix + Majoration de service`,
		tables: (a) => [
			table<MondialRelayDetail>({
				id: 'detail',
				columns: detailColumns,
				rows: a.result.detail,
				filters: [
					{
						id: 'q',
						kind: 'search',
						label: '🔍 Rechercher',
						text: (d) => `${d.partner} ${d.returnTracking} ${d.reference}`
					},
					{ id: 'partner', kind: 'partner', label: 'Partenaire', partner: (d) => d.partner },
					{
						id: 'unidentified',
						kind: 'toggle',
						label: 'Non identifiés uniquement',
						test: (d) => d.status === STATUS_KO
					}
				],
				tone: (d) => (d.toContestCents > 0 ? 'alert' : d.status === STATUS_KO ? 'warn' : null),
				claim: (d) =>
					d.toContestCents > 0
						? {
								tracking: d.returnTracking,
								carrier: 'Mondial Relay',
								partner: d.partner === NON_ATTRIBUE ? undefined : d.partner,
								amountCents: d.toContestCents,
								motif: d.control,
								notes: `${d.fileName}, ligne ${d.line}`,
								shippingDate: d.shipDate ?? d.day ?? undefined
							}
						: null,
				footer: (rows) => {
					const t = sums(rows);
					return `Base ${formatCents(t.base)} · Majoration Service ${formatCents(t.surcharge)} · Total ${formatCents(t.total)}`;
				}
			})
		],
		exports: ['detail']
	}
];

const exports: ExportSpec[] = [
	{
		id: 'synthese',
		label: '📥 Exporter Synthèse',
		fileName: (s) => `synthese_mondial_relay_${s.day}.xlsx`,
		sheets: [{ name: 'Synthèse', tab: 'synthese', table: 'synthese' }],
		rows: 'filtered',
		reconciliation: true
	},
	{
		id: 'detail',
		label: '📥 Exporter Détail',
		fileName: (s) => `detail_mondial_relay_${s.day}.xlsx`,
		// The legacy's file: the whole synthesis, then the detail as filtered on screen.
		sheets: [
			{ name: 'Synthèse', tab: 'synthese', table: 'synthese', rows: 'all' },
			{ name: 'Détail', tab: 'detail', table: 'detail' }
		],
		rows: 'filtered'
	}
];

export const mondialRelayModule: CarrierModule<MondialRelayRow, MondialRelayLine, MondialRelayResult> = {
	id: 'mondial-relay',
	store: 'mondialRelay',
	label: 'Mondial Relay',
	home: {
		caption: 'Gestion retours TOOPOST avec majoration de service',
		brand: { bg: '#96154A', fg: '#FFFFFF' },
		files: 'fichiers Mondial Relay',
		// Other accounts' lines and lines listed twice are in the file, not in the analysis.
		returnsUnit: ['retour TOOPOST', 'retours TOOPOST']
	},
	libraryIcon: '🌐',
	refacturation: { column: 'Mondial_Relay', rank: 2 },
	parser: parseMondialRelay,
	inputs: [
		{
			id: 'retours',
			label: '📄 CSV Retours Mondial Relay',
			accept: '.csv',
			parser: 'mondial-relay',
			hint: `séparateur ; et montants avec virgule, retours du compte ${ACCOUNT}`
		}
	],
	// A parcel may come back through Mondial Relay whoever took it out: every 3PL carrier counts, and
	// returns weigh what they weigh (no overweight check against the outbound parcel).
	rules: { acceptsCarrier: () => true },
	lines: mondialRelayLines,
	billing: MONDIAL_RELAY_BILLING,
	match: matchReturn,
	analyse: (lines, { lookup }) => analyseMondialRelay(lines, lookup),
	kpis: [
		{
			label: 'Total Retours',
			value: (a) => formatInt(a.result.stats.returns),
			hint: (a) => `📅 ${rangeLabel(a.summary.dateRange)}`
		},
		{
			label: 'Partenaires',
			value: (a) => formatInt(a.result.stats.partners),
			hint: () => `hors ${NON_ATTRIBUE}`
		},
		{
			label: 'Montant Total',
			value: (a) => formatCents(a.result.stats.totalCents),
			hint: (a) =>
				`Base : ${formatCents(a.result.stats.baseCents)} + Majoration : ${formatCents(a.result.stats.surchargeCents)}`
		},
		{
			label: 'Identifiés',
			value: (a) =>
				`${a.result.stats.returns ? Math.round((a.result.stats.identified / a.result.stats.returns) * 100) : 0} %`,
			hint: (a) => `${formatInt(a.result.stats.identified)}/${formatInt(a.result.stats.returns)} retours`,
			tone: (a) => (a.result.stats.unidentified ? 'alert' : 'ok')
		}
	],
	tabs,
	exports,
	worker: {}
};
