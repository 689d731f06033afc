/**
 * Mondial Relay TOOPOST returns (pure): which lines are returns, how each finds its outbound shipment in
 * the 3PL files, and the per-partner synthesis (Montant Total = Prix + Majoration de service).
 * Fixes of the legacy: returns without a reference, or of the same order, are never merged (MR-6; only
 * lines identical in every column are one return, RULINGS 2); one precedence rule — the newest 3PL
 * period wins — and separate keys with the key that matched recorded (MR-7); an empty partner is
 * NON ATTRIBUÉ and partners are counted without it (MR-8); the outbound tracking is clean text.
 */
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import type { CarrierBilling } from '$lib/carriers/pipeline/reconciliation';
import type { BilledLine, InvoiceFile, MatchedLine } from '$lib/carriers/pipeline/carrier.types';
import type { ThreePLLookup, ThreePLMatch } from '$lib/logisticiens/threepl.types';
import { isToopost, type MondialRelayRow } from './mondial-relay.parser';
import { sumByPartner } from '$lib/carriers/pipeline/carrier.analysis';

export const STATUS_OK = '✓ Identifié';
export const STATUS_KO = '⚠ Non identifié';

/**
 * How a return found its 3PL row: its reference as the 3PL's parcel number, an outbound tracking or an
 * order number, else its own tracking (the legacy's order, MR-7).
 */
export type MatchKey = 'colis' | 'tracking' | 'commande' | 'tracking retour';

export interface MondialRelayLine extends BilledLine {
	row: MondialRelayRow;
	/** Lines of the same file identical to this one in every column: listed, not billed again (RULINGS 2). */
	repeats: number[];
}

/** Only TOOPOST returns are analysed, each once; the other lines are counted apart (RULINGS 2, 21). */
export const MONDIAL_RELAY_BILLING: CarrierBilling<MondialRelayRow, MondialRelayLine> = {
	rowCents: (row) => row.priceCents + row.surchargeCents,
	excluded: [
		{ label: "lignes d'un autre compte que TOOPOST", test: (row) => !isToopost(row.account) },
		{ label: 'lignes listées deux fois (un seul retour)', test: (row) => row.repeatOf !== null }
	]
};

/** The TOOPOST returns of every file, each line identical to an earlier one of its file counted once. */
export function mondialRelayLines(files: InvoiceFile<MondialRelayRow>[]): MondialRelayLine[] {
	return files.flatMap(({ dataset, rows }) => {
		const byLine = new Map<number, MondialRelayLine>();
		const out: MondialRelayLine[] = [];
		for (const row of rows) {
			if (!isToopost(row.account)) continue;
			const original = row.repeatOf === null ? undefined : byLine.get(row.repeatOf);
			if (original) {
				original.repeats.push(row._line);
				continue;
			}
			const line: MondialRelayLine = {
				tracking: row.tracking,
				day: row.day,
				amountCents: row.priceCents + row.surchargeCents,
				weightKg: row.weightKg,
				source: { datasetId: dataset.id, fileName: dataset.fileName, slot: dataset.slot, line: row._line },
				row,
				repeats: []
			};
			byLine.set(row._line, line);
			out.push(line);
		}
		return out;
	});
}

/** Latest period first, then latest upload, then the later line (RULINGS 3, the 3PL lookup's order). */
function newerFirst(a: ThreePLMatch, b: ThreePLMatch): number {
	if (a.period !== b.period) return a.period < b.period ? 1 : -1;
	return b.importedAt - a.importedAt || b._line - a._line;
}

/** Rows with a partner: an empty partner says nothing about whom to re-bill (MR-8). */
const named = (rows: ThreePLMatch[]) => rows.filter((m) => m.partner.trim() !== '').sort(newerFirst);

function rowsOfTracking(tracking: string, lookup: ThreePLLookup): ThreePLMatch[] {
	const all = lookup.conflicts(tracking);
	const one = lookup.get(tracking);
	return named(all.length ? all : one ? [one] : []);
}

/**
 * The 3PL rows of a return, winner first, and the key that found them: the customer reference as a
 * 3PL parcel number (« Numéro de colis »), then as an outbound tracking, then as an order number, then
 * the return's own tracking. Any carrier's shipment counts: a parcel may come back through Mondial
 * Relay whoever took it out.
 */
export function findReturn(
	line: Pick<MondialRelayLine, 'row' | 'tracking'>,
	lookup: ThreePLLookup
): { rows: ThreePLMatch[]; key: MatchKey | null } {
	const reference = line.row.reference.trim();
	if (reference) {
		const byParcel = named(lookup.byParcel(reference));
		if (byParcel.length) return { rows: byParcel, key: 'colis' };
		const byTracking = rowsOfTracking(reference, lookup);
		if (byTracking.length) return { rows: byTracking, key: 'tracking' };
		const byOrder = named(lookup.byOrder(reference));
		if (byOrder.length) return { rows: byOrder, key: 'commande' };
	}
	const byReturn = line.tracking ? rowsOfTracking(line.tracking, lookup) : [];
	return byReturn.length ? { rows: byReturn, key: 'tracking retour' } : { rows: [], key: null };
}

/** The pipeline's `match`: the newest row found, the others shown as 3PL conflicts. */
export function matchReturn(line: MondialRelayLine, lookup: ThreePLLookup) {
	const { rows } = findReturn(line, lookup);
	return { match: rows[0] ?? null, conflict: rows.length > 1 ? rows : [] };
}

/** A line of the "Détail des Retours" table. */
export interface MondialRelayDetail {
	partner: string;
	returnTracking: string;
	/** Outbound tracking of the matched 3PL row ('' when none). */
	outboundTracking: string;
	/** The customer reference (the legacy's "N° Colis"). */
	reference: string;
	originOrder: string;
	day: string | null;
	weightKg: number | null;
	baseCents: number;
	surchargeCents: number;
	totalCents: number;
	status: string;
	key: MatchKey | null;
	control: string;
	fileName: string;
	line: number;
	repeats: number[];
	toContestCents: number;
	shipDate: string | null;
}

export interface MondialRelaySynthese {
	partner: string;
	returns: number;
	baseCents: number;
	surchargeCents: number;
	totalCents: number;
}

export interface MondialRelayStats {
	returns: number;
	/** Distinct partners, NON ATTRIBUÉ not counted (MR-8). */
	partners: number;
	baseCents: number;
	surchargeCents: number;
	totalCents: number;
	identified: number;
	unidentified: number;
	/** Lines listed twice in a file (identical in every column), counted once. */
	repeatedLines: number;
	byKey: Record<MatchKey, number>;
	/** Files without a "Majoration de service" column: their surcharge counts as 0. */
	filesWithoutSurcharge: string[];
}

export interface MondialRelayResult {
	detail: MondialRelayDetail[];
	synthese: MondialRelaySynthese[];
	stats: MondialRelayStats;
}

export function analyseMondialRelay(
	lines: MatchedLine<MondialRelayLine>[],
	lookup: ThreePLLookup
): MondialRelayResult {
	const byKey: Record<MatchKey, number> = { colis: 0, tracking: 0, commande: 0, 'tracking retour': 0 };
	const detail = lines.map((ml): MondialRelayDetail => {
		const { row } = ml.line;
		const key = ml.match ? findReturn(ml.line, lookup).key : null;
		if (key) byKey[key]++;
		return {
			partner: ml.partner,
			returnTracking: row.returnTracking,
			outboundTracking: ml.match?.tracking ?? '',
			reference: row.reference,
			originOrder: ml.match?.originOrder ?? '',
			day: row.day,
			weightKg: row.weightKg,
			baseCents: row.priceCents,
			surchargeCents: row.surchargeCents,
			totalCents: row.priceCents + row.surchargeCents,
			status: ml.partner === NON_ATTRIBUE ? STATUS_KO : STATUS_OK,
			key,
			control: ml.flags.map((f) => f.label).join(', '),
			fileName: ml.line.source.fileName,
			line: ml.line.source.line,
			repeats: ml.line.repeats,
			toContestCents: ml.flags.reduce((s, f) => s + f.amountCents, 0),
			shipDate: ml.match?.shipDate ?? null
		};
	});

	const synthese: MondialRelaySynthese[] = sumByPartner(
		detail,
		'returns',
		['baseCents', 'surchargeCents', 'totalCents'],
		'totalCents'
	);
	const identified = detail.filter((d) => d.status === STATUS_OK).length;
	return {
		detail,
		synthese,
		stats: {
			returns: detail.length,
			partners: synthese.filter((s) => s.partner !== NON_ATTRIBUE).length,
			baseCents: detail.reduce((s, d) => s + d.baseCents, 0),
			surchargeCents: detail.reduce((s, d) => s + d.surchargeCents, 0),
			totalCents: detail.reduce((s, d) => s + d.totalCents, 0),
			identified,
			unidentified: detail.length - identified,
			repeatedLines: detail.reduce((s, d) => s + d.repeats.length, 0),
			byKey,
			filesWithoutSurcharge: [
				...new Set(lines.filter((ml) => !ml.line.row.surchargeColumn).map((ml) => ml.line.source.fileName))
			]
		}
	};
}
