/**
 * Tabs every carrier page ends with, written once: the lines to contest (shared and carrier flags,
 * "Créer une indemnisation"), the NON ATTRIBUÉ lines with their total, and the cost per partner and month.
 */
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import type { PartnerMonthCost } from '$lib/analysis/partner-cost';
import { rangeLabel } from '$lib/analysis/range-label';
import { table } from '$lib/analysis/table-spec';
import { formatCents, formatPeriod, plural } from '$lib/i18n/format';
import { headerKey } from '$lib/intake/values';
import { NO_GRID, flagLabel, unattributedReason } from './carrier.analysis';
import { lineSearchText } from './carrier.search';
import type { BilledLine, CarrierModule, ExportSpec, KpiSpec, MatchedLine, TabSpec } from './carrier.types';

const flaggedColumns = [
	{
		header: 'Contrôle',
		kind: 'text' as const,
		value: (m: MatchedLine) => m.flags.map(flagLabel).join(', ')
	},
	{ header: 'Partenaire', kind: 'text' as const, value: (m: MatchedLine) => m.partner },
	{ header: 'Tracking', kind: 'text' as const, value: (m: MatchedLine) => m.line.tracking },
	{ header: 'Date', kind: 'date' as const, value: (m: MatchedLine) => m.line.day },
	{ header: 'Fichier', kind: 'text' as const, value: (m: MatchedLine) => m.line.source.fileName },
	{ header: 'Ligne', kind: 'int' as const, value: (m: MatchedLine) => m.line.source.line },
	{ header: 'Montant facturé', kind: 'cents' as const, value: (m: MatchedLine) => m.line.amountCents },
	{
		header: 'À contester',
		kind: 'cents' as const,
		// Blank, not 0,00 €, on a line flagged for information only (a surpoids, a price above the grid).
		value: (m: MatchedLine) => m.flags.reduce((s, f) => s + f.amountCents, 0) || null
	},
	{
		header: 'Montant en jeu (surpoids)',
		kind: 'cents' as const,
		value: (m: MatchedLine) => {
			const f = m.flags.find((x) => x.kind === 'surpoids');
			return !f || f.stakeCents === undefined ? null : (f.stakeCents ?? NO_GRID);
		}
	},
	{
		header: 'Détail',
		kind: 'text' as const,
		value: (m: MatchedLine) => m.flags.map((f) => f.detail).join(' · ')
	}
];

/** The shared tabs of a carrier. `carrier` is its label (the claim's "Transporteur"). */
export function commonTabs<L extends BilledLine, R>(carrier: string): TabSpec<L, R>[] {
	return [
		{
			id: 'a-contester',
			label: '⚠️ À contester',
			heading: 'Lignes à contester',
			info: (a) =>
				a.summary.toContestCents > 0
					? `⚠️ ${plural(a.lines.filter((m) => m.flags.length).length, 'ligne signalée', 'lignes signalées')} · ${formatCents(a.summary.toContestCents)} à contester`
					: '✅ Aucune ligne à contester',
			tables: (a) => [
				table<MatchedLine<L>>({
					id: 'flags',
					columns: flaggedColumns,
					rows: a.lines.filter((m) => m.flags.length > 0),
					filters: [
						{
							id: 'q',
							kind: 'search',
							label: '🔍 Rechercher (tracking, partenaire, commande, ville, code postal)',
							text: lineSearchText
						},
						{ id: 'partner', kind: 'partner', label: 'Partenaire', partner: (m) => m.partner }
					],
					tone: (m) => (m.flags.some((f) => f.amountCents > 0) ? 'alert' : 'warn'),
					claim: (m) => ({
						tracking: m.line.tracking,
						carrier,
						partner: m.partner === NON_ATTRIBUE ? undefined : m.partner,
						amountCents: m.flags.reduce((s, f) => s + f.amountCents, 0) || undefined,
						motif: m.flags.map((f) => f.label).join(', '),
						notes: m.flags.map((f) => f.detail).join('\n'),
						shippingDate: m.match?.shipDate ?? m.line.day ?? undefined
					}),
					footer: (rows) =>
						`Total à contester : ${formatCents(rows.reduce((s, m) => s + m.flags.reduce((t, f) => t + f.amountCents, 0), 0))}`,
					empty: 'Aucune ligne signalée : ni doublon, ni écart.'
				})
			],
			exports: ['a-contester']
		},
		{
			id: 'non-attribue',
			label: `❓ ${NON_ATTRIBUE}`,
			heading: `Lignes ${NON_ATTRIBUE}`,
			info: (a) =>
				`${plural(a.summary.unmatchedLines, 'ligne')} sans partenaire ${carrier} dans les fichiers logisticiens (${a.window.map(formatPeriod).join(', ') || 'aucune période'}) · ${formatCents(a.summary.unmatchedCents)} · ${(a.summary.unmatchedRate * 100).toFixed(1).replace('.', ',')} % des lignes`,
			tables: (a) => [
				table<MatchedLine<L>>({
					id: 'unmatched',
					columns: [
						{ header: 'Tracking', kind: 'text', value: (m) => m.line.tracking || '(vide)' },
						{ header: 'Date', kind: 'date', value: (m) => m.line.day },
						{ header: 'Fichier', kind: 'text', value: (m) => m.line.source.fileName },
						{ header: 'Ligne', kind: 'int', value: (m) => m.line.source.line },
						{ header: 'Montant facturé', kind: 'cents', value: (m) => m.line.amountCents },
						{ header: 'Raison', kind: 'text', value: (m) => unattributedReason(m) ?? '' }
					],
					rows: a.lines.filter((m) => m.partner === NON_ATTRIBUE),
					filters: [
						{
							id: 'q',
							kind: 'search',
							label: '🔍 Rechercher (tracking, commande, ville, code postal)',
							text: lineSearchText
						}
					],
					tone: () => 'warn',
					claim: (m) => ({
						tracking: m.line.tracking,
						carrier,
						motif: 'Colis non identifié',
						amountCents: m.line.amountCents,
						notes: `${m.line.source.fileName}, ligne ${m.line.source.line} : ${unattributedReason(m)}`,
						shippingDate: m.line.day ?? undefined
					}),
					footer: (rows) =>
						`Total ${NON_ATTRIBUE} : ${formatCents(rows.reduce((s, m) => s + m.line.amountCents, 0))}`,
					empty: 'Toutes les lignes sont attribuées à un partenaire.'
				})
			],
			exports: ['non-attribue']
		},
		{
			id: 'conflits',
			label: '🔀 Conflits 3PL',
			heading: 'Trackings présents dans plusieurs fichiers logisticiens',
			info: (a) =>
				a.summary.conflictLines
					? `${plural(a.summary.conflictLines, 'ligne')} : la ligne de la période la plus récente (puis du dernier import) est retenue.`
					: '✅ Aucun tracking présent dans plusieurs fichiers logisticiens.',
			tables: (a) => [
				table<MatchedLine<L>>({
					id: 'conflicts',
					columns: [
						{ header: 'Tracking', kind: 'text', value: (m) => m.line.tracking },
						{ header: 'Partenaire retenu', kind: 'text', value: (m) => m.partner },
						{ header: 'Période retenue', kind: 'text', value: (m) => formatPeriod(m.match?.period) },
						{ header: 'Fichier retenu', kind: 'text', value: (m) => m.match?.fileName ?? '' },
						{
							header: 'Autres lignes logisticien',
							kind: 'text',
							value: (m) =>
								m.conflict
									.slice(1)
									.map(
										(c) =>
											`${c.partner || '(vide)'} — ${formatPeriod(c.period)} (${c.fileName}, ligne ${c._line})`
									)
									.join(' · ')
						}
					],
					rows: a.lines.filter((m) => m.conflict.length > 1),
					filters: [
						{
							id: 'q',
							kind: 'search',
							label: '🔍 Rechercher (tracking, commande, ville, code postal)',
							text: lineSearchText
						}
					],
					tone: (m) => (new Set(m.conflict.map((c) => c.partner.trim())).size > 1 ? 'warn' : null),
					empty: 'Aucun conflit : chaque tracking facturé figure dans un seul fichier logisticien.'
				})
			]
		},
		{
			id: 'couts',
			label: '📈 Coûts',
			heading: 'Coût par partenaire et par mois',
			info: (a) => rangeLabel(a.summary.dateRange),
			tables: (a) => [
				table<PartnerMonthCost>({
					id: 'costs',
					columns: [
						{
							header: 'Mois',
							kind: 'text',
							value: (c) => (c.month === 'inconnu' ? 'Date inconnue' : formatPeriod(c.month))
						},
						{ header: 'Partenaire', kind: 'text', value: (c) => c.partner },
						{ header: 'Lignes', kind: 'int', value: (c) => c.lines },
						{ header: 'Montant', kind: 'cents', value: (c) => c.cents }
					],
					rows: a.costs,
					filters: [{ id: 'partner', kind: 'partner', label: 'Partenaire', partner: (c) => c.partner }]
				})
			]
		}
	];
}

export function commonExports(id: string): ExportSpec[] {
	return [
		{
			id: 'a-contester',
			label: '📥 Exporter les lignes à contester',
			fileName: (s) => `${id}_a_contester_${s.day}.xlsx`,
			sheets: [{ name: 'À contester', tab: 'a-contester', table: 'flags' }],
			rows: 'filtered'
		},
		{
			id: 'non-attribue',
			label: `📥 Exporter les lignes ${NON_ATTRIBUE}`,
			fileName: (s) => `${id}_non_attribue_${s.day}.xlsx`,
			sheets: [{ name: NON_ATTRIBUE, tab: 'non-attribue', table: 'unmatched' }],
			rows: 'filtered'
		}
	];
}

/** KPIs every carrier shows next to its own. */
export function commonKpis<L extends BilledLine, R>(): KpiSpec<L, R>[] {
	return [
		{
			label: 'Doublons',
			value: (a) => plural(a.summary.duplicateExtraLines, 'ligne'),
			hint: (a) => `${formatCents(a.summary.duplicateExtraCents)} à contester`,
			tone: (a) => (a.summary.duplicateExtraLines ? 'alert' : 'ok')
		},
		{
			label: NON_ATTRIBUE,
			value: (a) => plural(a.summary.unmatchedLines, 'ligne'),
			hint: (a) =>
				`${formatCents(a.summary.unmatchedCents)} · ${(a.summary.unmatchedRate * 100).toFixed(1).replace('.', ',')} % des lignes`,
			tone: (a) => (a.summary.unmatchedLines ? 'alert' : 'ok')
		},
		{
			label: 'Total à contester',
			value: (a) => formatCents(a.summary.toContestCents),
			hint: (a) => plural(a.lines.filter((m) => m.flags.length).length, 'ligne signalée', 'lignes signalées'),
			tone: (a) => (a.summary.toContestCents ? 'alert' : 'ok')
		}
	];
}

/** A carrier's tabs, exports and KPIs followed by the shared ones. */
export function pageSpec<Row, L extends BilledLine, R>(module: CarrierModule<Row, L, R>) {
	// A carrier KPI of the same name replaces the shared one (Chronopost's "💸 TOTAL À CONTESTER", RULINGS 8).
	const key = (label: string) => headerKey(label).replace(/[^a-z]/g, '');
	const own = new Set(module.kpis.map((k) => key(k.label)));
	return {
		tabs: [...module.tabs, ...commonTabs<L, R>(module.label)],
		exports: [...module.exports, ...commonExports(module.id)],
		kpis: [...module.kpis, ...commonKpis<L, R>().filter((k) => !own.has(key(k.label)))]
	};
}

export type PageSpec<L extends BilledLine, R> = {
	tabs: TabSpec<L, R>[];
	exports: ExportSpec[];
	kpis: KpiSpec<L, R>[];
};
