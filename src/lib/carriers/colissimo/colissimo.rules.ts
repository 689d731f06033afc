/**
 * Colissimo's own rules (legacy "Gestion des Retours 8R"): the invoice's 8R return labels, each matched to
 * the outbound 3PL shipment by three methods in priority order, then totalled per partner for re-billing.
 *
 * Fixes of the legacy (spec 2.6): trackings normalised as everywhere else (CO-4), only Colissimo shipments
 * are candidates (CO-8, and legacy fixture 6.2 e: a Colis Privé tracking matched a return), "CP + Date" is
 * limited to shipments of the RETURN_WINDOW_DAYS before the return and shown as to be checked (CO-8),
 * postcodes compared as 5 characters (CO-9), a blank partner is NON ATTRIBUÉ (CO-10), a return billed
 * twice is a "Doublon" (the pipeline's flag, RULINGS 2).
 */
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import type { CarrierBilling } from '$lib/carriers/pipeline/reconciliation';
import type { ThreePLLookup, ThreePLMatch } from '$lib/logisticiens/threepl.types';
import { matchTracking, sumByPartner } from '../pipeline/carrier.analysis';
import type { BilledLine, CarrierRules, InvoiceFile, MatchedLine } from '../pipeline/carrier.types';
import { isReturn, type ColissimoRow } from './colissimo.parser';

/** How far back a "CP + Date" return looks for its outbound shipment (days before the return's pick-up). */
export const RETURN_WINDOW_DAYS = 60;

/** The legacy's method labels ("Méthode Correspondance"), in priority order. */
export const METHODS = ['Tracking exact', 'Tracking partiel', 'CP + Date', 'Aucune'] as const;
export type Method = (typeof METHODS)[number];

/** The method whose matches are guesses (same postcode, shipped shortly before): to check by hand. */
export const LOW_CONFIDENCE: Method = 'CP + Date';

export interface ColissimoLine extends BilledLine {
	row: ColissimoRow;
}

/** One return of the "📋 Détail des Retours" tab (amounts in cents). */
export interface ColissimoReturn {
	partner: string;
	order: string;
	/** "Tracking Aller": the outbound 3PL tracking. */
	outbound: string;
	/** "Tracking Retour", as billed. */
	tracking: string;
	day: string | null;
	postcode: string;
	prixCents: number;
	majorationCents: number;
	totalCents: number;
	method: Method;
	/** The 3PL shipment's day, for "CP + Date" checks. */
	shipDate: string | null;
	/** "Doublon", "À vérifier (CP + Date)": shown on screen, highlighted in exports. */
	control: string;
	toContestCents: number;
	fileName: string;
	line: number;
}

/** One row of the "📊 Synthèse" tab: what to re-bill each partner. */
export interface ColissimoSynthese {
	partner: string;
	nbRetours: number;
	prixCents: number;
	majorationCents: number;
	totalCents: number;
}

export interface ColissimoStats {
	nbRetours: number;
	/** Returns with a partner (not NON ATTRIBUÉ). */
	nbIdentifies: number;
	nbNonIdentifies: number;
	/** Distinct identified partners. */
	nbPartenaires: number;
	prixCents: number;
	majorationCents: number;
	/** Σ "Total" of the returns: the legacy's "Montant Total". */
	montantTotalCents: number;
	/** Identified ÷ returns, 0 when there is none. */
	tauxIdentification: number;
	byMethod: Record<Method, number>;
}

export interface ColissimoResult {
	returns: ColissimoReturn[];
	synthese: ColissimoSynthese[];
	methods: { method: Method; nbRetours: number; totalCents: number }[];
	stats: ColissimoStats;
}

/** 3PL "Transporteur" values that are Colissimo (trimmed, upper-cased by the pipeline). */
export function isColissimoCarrier(carrierUpper: string): boolean {
	return carrierUpper === 'COLISSIMO' || carrierUpper.startsWith('COLISSIMO ');
}

export const COLISSIMO_RULES: CarrierRules = { acceptsCarrier: isColissimoCarrier };

/** The module analyses the 8R returns; the invoice's other lines are counted apart (RULINGS 21). */
export const COLISSIMO_BILLING: CarrierBilling<ColissimoRow, ColissimoLine> = {
	rowCents: (row) => row.totalCents,
	excluded: [{ label: 'envois hors retours (non analysés)', test: (row) => !isReturn(row) }]
};

/** Stored rows of every invoice (upload order) → the 8R returns as billed lines. */
export function colissimoLines(files: InvoiceFile<ColissimoRow>[]): ColissimoLine[] {
	const ordered = [...files].sort((a, b) => a.dataset.importedAt - b.dataset.importedAt);
	return ordered.flatMap(({ dataset, rows }) =>
		rows.filter(isReturn).map((row) => ({
			tracking: row.tracking,
			day: row.day,
			amountCents: row.totalCents,
			weightKg: row.weightKg,
			source: { datasetId: dataset.id, fileName: dataset.fileName, slot: dataset.slot, line: row._line },
			place: row.postcode,
			row
		}))
	);
}

/** The first run of 8 or more digits of a tracking ('' when none): what "Tracking partiel" compares. */
export function digitRun(tracking: string): string {
	return /\d{8,}/.exec(tracking)?.[0] ?? '';
}

interface PartialIndex {
	/** Colissimo shipments by the digit run of their tracking. */
	byRun: Map<string, ThreePLMatch[]>;
	runs: string[];
}

/** Built once per lookup: the 3PL rows are scanned once, not once per return. */
const partialIndexes = new WeakMap<ThreePLLookup, PartialIndex>();

function partialIndex(lookup: ThreePLLookup): PartialIndex {
	let index = partialIndexes.get(lookup);
	if (!index) {
		const byRun = new Map<string, ThreePLMatch[]>();
		for (const match of lookup.rows()) {
			const run = digitRun(match.tracking);
			if (!run || !isColissimoCarrier(match.carrier.trim().toUpperCase())) continue;
			const list = byRun.get(run);
			if (list) list.push(match);
			else byRun.set(run, [match]);
		}
		index = { byRun, runs: [...byRun.keys()] };
		partialIndexes.set(lookup, index);
	}
	return index;
}

/** Newest period first, then latest upload: the same precedence as the lookup (RULINGS 3). */
function newer(a: ThreePLMatch, b: ThreePLMatch): number {
	return b.period.localeCompare(a.period) || b.importedAt - a.importedAt;
}

/**
 * "Tracking partiel": a Colissimo shipment whose digit run contains the return's (an 8R label re-uses the
 * outbound number). The same digits win over a longer run that merely contains them.
 */
export function partialMatch(tracking: string, lookup: ThreePLLookup): ThreePLMatch | null {
	const run = digitRun(tracking);
	if (!run) return null;
	const { byRun, runs } = partialIndex(lookup);
	const hits = byRun.get(run) ?? runs.filter((r) => r.includes(run)).flatMap((r) => byRun.get(r) ?? []);
	return hits.length ? [...hits].sort(newer)[0] : null;
}

function addDays(day: string, n: number): string {
	const [y, m, d] = day.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/**
 * "CP + Date": the latest Colissimo shipment to the return's postcode shipped in the RETURN_WINDOW_DAYS
 * before its pick-up day (strictly before, as the legacy). A guess: shown as to be checked.
 */
export function postcodeDateMatch(
	postcode: string,
	day: string | null,
	lookup: ThreePLLookup
): ThreePLMatch | null {
	if (!postcode || !day) return null;
	const from = addDays(day, -RETURN_WINDOW_DAYS);
	const candidates = lookup
		.byPostcode(postcode, addDays(day, -1))
		.filter((m) => isColissimoCarrier(m.carrier.trim().toUpperCase()))
		.filter((m) => (m.shipDate ?? m.orderDate ?? '') >= from);
	if (!candidates.length) return null;
	const latest = candidates.reduce((best, m) => {
		const a = best.shipDate ?? best.orderDate ?? '';
		const b = m.shipDate ?? m.orderDate ?? '';
		return b > a || (b === a && newer(m, best) < 0) ? m : best;
	});
	return latest;
}

/** The pipeline's `match`: tracking exact (the newest Colissimo row, RULINGS 3), partial, then CP + Date. */
export function matchReturn(
	line: ColissimoLine,
	lookup: ThreePLLookup
): { match: ThreePLMatch | null; conflict: ThreePLMatch[] } {
	const exact = matchTracking(line.tracking, lookup, COLISSIMO_RULES);
	if (exact.match) return exact;
	const match =
		partialMatch(line.tracking, lookup) ?? postcodeDateMatch(line.row.postcode, line.row.day, lookup);
	return { match, conflict: [] };
}

/** Which method found a line's match (recomputed from the match itself: pure). */
export function methodOf(ml: MatchedLine<ColissimoLine>, lookup: ThreePLLookup): Method {
	const match = ml.match;
	if (!match) return 'Aucune';
	const t = ml.line.tracking;
	if (t && (lookup.get(t) === match || lookup.conflicts(t).includes(match))) return 'Tracking exact';
	const run = digitRun(t);
	if (run && digitRun(match.tracking).includes(run)) return 'Tracking partiel';
	return 'CP + Date';
}

function returnOf(ml: MatchedLine<ColissimoLine>, method: Method): ColissimoReturn {
	const r = ml.line.row;
	const controls = ml.flags.map((f) => f.label);
	if (method === LOW_CONFIDENCE) controls.push('À vérifier (CP + Date)');
	return {
		partner: ml.partner,
		order: ml.match?.originOrder ?? '',
		outbound: ml.match?.tracking ?? '',
		tracking: r.trackingText || r.tracking,
		day: r.day,
		postcode: r.postcode,
		prixCents: r.prixCents,
		majorationCents: r.majorationCents,
		totalCents: r.totalCents,
		method,
		shipDate: ml.match?.shipDate ?? null,
		control: controls.join(', '),
		toContestCents: ml.flags.reduce((s, f) => s + f.amountCents, 0),
		fileName: ml.line.source.fileName,
		line: ml.line.source.line
	};
}

export function syntheseOf(returns: ColissimoReturn[]): ColissimoSynthese[] {
	return sumByPartner(returns, 'nbRetours', ['prixCents', 'majorationCents', 'totalCents'], 'totalCents');
}

export function analyseColissimo(
	lines: MatchedLine<ColissimoLine>[],
	lookup: ThreePLLookup
): ColissimoResult {
	const returns = lines.map((ml) => returnOf(ml, methodOf(ml, lookup)));
	const byMethod = Object.fromEntries(METHODS.map((m) => [m, 0])) as Record<Method, number>;
	const methodTotals = Object.fromEntries(METHODS.map((m) => [m, 0])) as Record<Method, number>;
	for (const r of returns) {
		byMethod[r.method]++;
		methodTotals[r.method] += r.totalCents;
	}
	const identified = returns.filter((r) => r.partner !== NON_ATTRIBUE);
	const sum = (key: 'prixCents' | 'majorationCents' | 'totalCents') =>
		returns.reduce((s, r) => s + r[key], 0);
	return {
		returns,
		synthese: syntheseOf(returns),
		methods: METHODS.map((method) => ({
			method,
			nbRetours: byMethod[method],
			totalCents: methodTotals[method]
		})),
		stats: {
			nbRetours: returns.length,
			nbIdentifies: identified.length,
			nbNonIdentifies: returns.length - identified.length,
			nbPartenaires: new Set(identified.map((r) => r.partner)).size,
			prixCents: sum('prixCents'),
			majorationCents: sum('majorationCents'),
			montantTotalCents: sum('totalCents'),
			tauxIdentification: returns.length ? identified.length / returns.length : 0,
			byMethod
		}
	};
}

/** The legacy's banner on the identification rate (≥ 80 % excellent, ≥ 50 % correct). */
export function rateBanner(rate: number): { tone: 'ok' | 'info' | 'warn'; text: string } {
	const pct = `${(rate * 100).toFixed(1).replace('.', ',')} %`;
	if (rate >= 0.8) return { tone: 'ok', text: `✅ Taux d'identification : ${pct} - Excellent !` };
	if (rate >= 0.5) return { tone: 'info', text: `ℹ️ Taux d'identification : ${pct} - Correct` };
	return { tone: 'warn', text: `⚠️ Taux d'identification : ${pct} - Amélioration possible` };
}
