/** Colissimo (8R returns) as data for the shared pipeline: its input, matching, tabs, KPIs and exports. */
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import type { ClaimPrefill } from '$lib/claims/claims.prefill';
import { table, type ColumnSpec } from '$lib/analysis/table-spec';
import { formatCents, formatInt, plural } from '$lib/i18n/format';
import type { CarrierModule, ExportSpec, TabSpec } from '../pipeline/carrier.types';
import { parseColissimo, type ColissimoRow } from './colissimo.parser';
import {
	analyseColissimo,
	colissimoLines,
	COLISSIMO_RULES,
	LOW_CONFIDENCE,
	matchReturn,
	METHODS,
	COLISSIMO_BILLING,
	RETURN_WINDOW_DAYS,
	rateBanner,
	type ColissimoLine,
	type ColissimoResult,
	type ColissimoReturn,
	type ColissimoSynthese,
	type Method
} from './colissimo.rules';

/** The legacy's "📋 Détail des Retours" columns, in its order (and its export's headers). */
const detailColumns: ColumnSpec<ColissimoReturn>[] = [
	{ header: 'Contrôle', kind: 'text', value: (r) => r.control, exportLast: true },
	{ header: 'Nom Partenaire', kind: 'text', value: (r) => r.partner },
	{ header: 'N° Commande', kind: 'text', value: (r) => r.order },
	{ header: 'Tracking Aller', kind: 'text', value: (r) => r.outbound },
	{ header: 'Tracking Retour', kind: 'text', value: (r) => r.tracking },
	{ header: 'Date Retour', kind: 'date', value: (r) => r.day },
	{ header: 'Code Postal', kind: 'text', value: (r) => r.postcode },
	{ header: 'Prix HT (€)', kind: 'cents', value: (r) => r.prixCents },
	{ header: 'Majoration (€)', kind: 'cents', value: (r) => r.majorationCents },
	{ header: 'Total TTC (€)', kind: 'cents', value: (r) => r.totalCents },
	{ header: 'Méthode Correspondance', kind: 'text', value: (r) => r.method },
	{ header: 'Expédition aller', kind: 'date', value: (r) => r.shipDate, exportLast: true }
];

const syntheseColumns: ColumnSpec<ColissimoSynthese>[] = [
	{ header: 'Nom Partenaire', kind: 'text', value: (s) => s.partner },
	{ header: 'Nb Retours', kind: 'int', value: (s) => s.nbRetours },
	{ header: 'Prix HT (€)', kind: 'cents', value: (s) => s.prixCents },
	{ header: 'Majoration (€)', kind: 'cents', value: (s) => s.majorationCents },
	{ header: 'Total TTC (€)', kind: 'cents', value: (s) => s.totalCents }
];

/** Legacy colours: NON ATTRIBUÉ and lines to contest in red; the guessed (CP + Date) ones to check. */
function tone(r: ColissimoReturn): 'alert' | 'warn' | null {
	if (r.toContestCents > 0 || r.partner === NON_ATTRIBUE) return 'alert';
	return r.method === LOW_CONFIDENCE ? 'warn' : null;
}

function claimOf(r: ColissimoReturn): ClaimPrefill | null {
	if (r.toContestCents <= 0) return null;
	return {
		tracking: r.tracking,
		carrier: 'Colissimo',
		partner: r.partner === NON_ATTRIBUE ? undefined : r.partner,
		amountCents: r.toContestCents,
		motif: r.control,
		notes: `${r.fileName}, ligne ${r.line}`,
		shippingDate: r.day ?? undefined
	};
}

function totalsLine(rows: { prixCents: number; majorationCents: number; totalCents: number }[]): string {
	const sum = (key: 'prixCents' | 'majorationCents' | 'totalCents') => rows.reduce((s, r) => s + r[key], 0);
	return `Totaux : Prix HT ${formatCents(sum('prixCents'))} · Majoration ${formatCents(sum('majorationCents'))} · Total TTC ${formatCents(sum('totalCents'))}`;
}

const tabs: TabSpec<ColissimoLine, ColissimoResult>[] = [
	{
		id: 'detail',
		label: '📋 Détail des Retours',
		heading: 'Détail des Retours',
		info: (a) => {
			const s = a.result.stats;
			return `${rateBanner(s.tauxIdentification).text} · ${plural(s.nbIdentifies, 'retour identifié', 'retours identifiés')} sur ${formatInt(s.nbRetours)} · « CP + Date » = même code postal, expédition Colissimo dans les ${RETURN_WINDOW_DAYS} jours avant le retour : à vérifier`;
		},
		tables: (a) => [
			table<ColissimoReturn>({
				id: 'retours',
				columns: detailColumns,
				rows: a.result.returns,
				filters: [
					{
						id: 'q',
						kind: 'search',
						label: '🔍 Rechercher (partenaire, tracking)',
						text: (r) => `${r.partner} ${r.tracking} ${r.outbound} ${r.order}`
					},
					{ id: 'partner', kind: 'partner', label: 'Partenaire', partner: (r) => r.partner },
					{
						id: 'methods',
						kind: 'choices',
						label: 'Méthode',
						options: METHODS,
						initial: METHODS,
						value: (r) => r.method
					}
				],
				tone,
				claim: claimOf,
				footer: totalsLine,
				empty: 'Aucun retour 8R dans les factures importées.'
			})
		],
		exports: ['retours']
	},
	{
		id: 'synthese',
		label: '📊 Synthèse',
		heading: 'Retours par partenaire (à refacturer)',
		info: (a) =>
			`${plural(a.result.stats.nbPartenaires, 'partenaire identifié', 'partenaires identifiés')} · ${formatCents(a.result.stats.montantTotalCents)} au total`,
		tables: (a) => [
			table<ColissimoSynthese>({
				id: 'synthese',
				columns: syntheseColumns,
				rows: a.result.synthese,
				filters: [{ id: 'q', kind: 'search', label: '🔍 Rechercher partenaire', text: (s) => s.partner }],
				tone: (s) => (s.partner === NON_ATTRIBUE ? 'alert' : null),
				footer: totalsLine
			}),
			table<{ method: Method; nbRetours: number; totalCents: number }>({
				id: 'methodes',
				title: 'Retours par méthode de correspondance',
				columns: [
					{ header: 'Méthode Correspondance', kind: 'text', value: (m) => m.method },
					{ header: 'Nb Retours', kind: 'int', value: (m) => m.nbRetours },
					{ header: 'Total TTC (€)', kind: 'cents', value: (m) => m.totalCents }
				],
				rows: a.result.methods,
				tone: (m) =>
					m.nbRetours && m.method === LOW_CONFIDENCE
						? 'warn'
						: m.nbRetours && m.method === 'Aucune'
							? 'alert'
							: null
			})
		],
		exports: ['synthese']
	}
];

const exports: ExportSpec[] = [
	{
		id: 'retours',
		label: '📥 Exporter en Excel',
		// The legacy's name: retours_colissimo_YYYY-MM-DD.xlsx.
		fileName: (s) => `retours_colissimo_${s.day.slice(0, 4)}-${s.day.slice(4, 6)}-${s.day.slice(6, 8)}.xlsx`,
		sheets: [{ name: 'Retours Colissimo', tab: 'detail', table: 'retours' }],
		rows: 'filtered'
	},
	{
		id: 'synthese',
		label: '📥 Exporter la synthèse',
		fileName: (s) =>
			`retours_colissimo_synthese_${s.day.slice(0, 4)}-${s.day.slice(4, 6)}-${s.day.slice(6, 8)}.xlsx`,
		sheets: [
			{ name: 'Synthèse', tab: 'synthese', table: 'synthese' },
			{ name: 'Méthodes', tab: 'synthese', table: 'methodes' }
		],
		rows: 'filtered',
		reconciliation: true
	}
];

export const colissimoModule: CarrierModule<ColissimoRow, ColissimoLine, ColissimoResult> = {
	id: 'colissimo',
	store: 'colissimo',
	label: 'Colissimo',
	home: {
		caption: 'Gestion retours 8R avec 3 méthodes',
		brand: { bg: '#FFD100', fg: '#1A1A1A' },
		files: 'factures Colissimo',
		returnsUnit: ['retour 8R', 'retours 8R']
	},
	libraryIcon: '📮',
	refacturation: { column: 'Colissimo', rank: 3 },
	parser: parseColissimo,
	inputs: [
		{
			id: 'facture',
			label: '📄 CSV Facture Colissimo',
			accept: '.csv,.txt',
			parser: 'colissimo',
			hint: 'séparateur « ; », colonnes « Code produit », « Tracking », « Date PCH », « Code Postal », « Total »… : les retours 8R sont analysés'
		}
	],
	rules: COLISSIMO_RULES,
	lines: colissimoLines,
	billing: COLISSIMO_BILLING,
	match: matchReturn,
	analyse: (lines, { lookup }) => analyseColissimo(lines, lookup),
	kpis: [
		{ label: 'Total Retours', value: (a) => formatInt(a.result.stats.nbRetours) },
		{
			label: 'Identifiés',
			value: (a) => formatInt(a.result.stats.nbIdentifies),
			hint: (a) => rateBanner(a.result.stats.tauxIdentification).text,
			tone: (a) => (rateBanner(a.result.stats.tauxIdentification).tone === 'ok' ? 'ok' : 'alert')
		},
		{
			label: 'Montant Total',
			value: (a) => formatCents(a.result.stats.montantTotalCents),
			hint: (a) =>
				`Prix HT ${formatCents(a.result.stats.prixCents)} · Majoration ${formatCents(a.result.stats.majorationCents)}`
		},
		{
			label: 'Méthodes',
			value: (a) =>
				METHODS.slice(0, 3)
					.map((m) => formatInt(a.result.stats.byMethod[m]))
					.join(' · '),
			hint: (a) =>
				`Tracking exact · partiel · CP + Date (${formatInt(a.result.stats.byMethod[LOW_CONFIDENCE])} à vérifier)`
		}
	],
	tabs,
	exports,
	worker: {}
};
