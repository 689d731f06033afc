/** Chronopost as data for the shared pipeline: its input, rules and KPIs, with its tabs and exports. */
import { rangeLabel } from '$lib/analysis/range-label';
import { formatCents, formatInt, plural } from '$lib/i18n/format';
import type { CarrierModule } from '../pipeline/carrier.types';
import { chronoExports } from './chronopost.exports';
import { gridPrice } from './chronopost.grid';
import { parseChronopost, SURPLUS_TYPES, type ChronoRow, type SurplusType } from './chronopost.parser';
import {
	CHRONO_BILLING,
	CHRONO_OVERWEIGHT_TOLERANCE_G,
	chronoLines,
	flagChronopost,
	type ChronoLine
} from './chronopost.rules';
import { analyseChronopost, surplusCents, totalToContest, type ChronoResult } from './chronopost.result';
import { chronoTabs, typesLabel } from './chronopost.tabs';

/** 3PL rows that count for Chronopost: its name in any spelling, or no carrier written. */
function isChronopostCarrier(carrierUpper: string): boolean {
	return carrierUpper === '' || carrierUpper.includes('CHRONO');
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
		exports: chronoExports,
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
