/** In-memory indexes over 3PL rows, built when datasets are loaded. Pure. */
import type { DatasetRecord } from '$lib/db/records';
import { normaliseTracking, trackingVariant } from '$lib/intake/tracking';
import { monthOf, normalisePostcode } from '$lib/intake/values';
import { addMonths } from './threepl.period';
import type { ThreePLLookup, ThreePLMatch, ThreePLRow } from './threepl.types';

/** Latest period first, then latest upload, then the later line of the same file. */
function newerFirst(a: ThreePLMatch, b: ThreePLMatch): number {
	if (a.period !== b.period) return a.period < b.period ? 1 : -1;
	if (a.importedAt !== b.importedAt) return b.importedAt - a.importedAt;
	return b._line - a._line;
}

function push<K>(map: Map<K, ThreePLMatch[]>, key: K, row: ThreePLMatch) {
	const list = map.get(key);
	if (list) list.push(row);
	else map.set(key, [row]);
}

function orderKey(order: string): string {
	return order.trim().toUpperCase();
}

/**
 * One lookup over several 3PL files: a tracking listed in several files resolves to the row of the
 * latest period, then the latest upload (RULINGS 3), and the others stay visible as conflicts.
 */
export function buildLookup(sets: { dataset: DatasetRecord; rows: ThreePLRow[] }[]): ThreePLLookup {
	const byTracking = new Map<string, ThreePLMatch[]>();
	const byVariant = new Map<string, string>();
	const byOrder = new Map<string, ThreePLMatch[]>();
	const byPostcode = new Map<string, ThreePLMatch[]>();
	const byParcel = new Map<string, ThreePLMatch[]>();
	const periods = new Set<string>();
	for (const { dataset, rows } of sets) {
		const period = dataset.period ?? '';
		if (period) periods.add(period);
		for (const row of rows) {
			const match: ThreePLMatch = {
				...row,
				datasetId: dataset.id,
				fileName: dataset.fileName,
				period,
				importedAt: dataset.importedAt
			};
			push(byTracking, row.tracking, match);
			for (const order of new Set([row.originOrder, row.partnerOrder].filter(Boolean).map(orderKey))) {
				push(byOrder, order, match);
			}
			if (row.postcode) push(byPostcode, row.postcode, match);
			if (row.parcel) push(byParcel, row.parcel, match);
		}
	}
	for (const [key, list] of byTracking) {
		list.sort(newerFirst);
		const variant = trackingVariant(key);
		if (variant && !byTracking.has(variant)) byVariant.set(variant, key);
	}
	for (const list of byParcel.values()) list.sort(newerFirst);
	for (const list of byPostcode.values())
		list.sort((a, b) => (a.shipDate ?? '').localeCompare(b.shipDate ?? ''));

	const find = (tracking: string): ThreePLMatch[] | undefined => {
		const key = normaliseTracking(tracking);
		if (!key) return undefined;
		const direct = byTracking.get(key);
		if (direct) return direct;
		const stripped = trackingVariant(key) ?? key;
		const original = byVariant.get(stripped);
		return byTracking.get(stripped) ?? (original ? byTracking.get(original) : undefined);
	};

	return {
		get: (tracking) => find(tracking)?.[0],
		conflicts: (tracking) => {
			const list = find(tracking);
			return list && list.length > 1 ? [...list] : [];
		},
		byOrder: (order) => [...(byOrder.get(orderKey(order)) ?? [])],
		byParcel: (parcel) => [...(byParcel.get(normaliseTracking(parcel)) ?? [])],
		byPostcode: (postcode, onOrBefore) => {
			const list = byPostcode.get(normalisePostcode(postcode, 'FR')) ?? byPostcode.get(postcode.trim()) ?? [];
			if (!onOrBefore) return [...list];
			return list.filter((m) => {
				const day = m.shipDate ?? m.orderDate;
				return !!day && day <= onOrBefore;
			});
		},
		size: byTracking.size,
		periods: [...periods].sort(),
		*rows() {
			for (const list of byTracking.values()) yield list[0];
		}
	};
}

/** The 3PL months an invoice needs (RULINGS 4): months spanned by its days plus the month before. */
export function windowFor(days: string[]): string[] {
	const months = days.filter((d) => /^\d{4}-\d{2}/.test(d)).map(monthOf);
	if (!months.length) return [];
	let from = months.reduce((a, b) => (a < b ? a : b));
	const to = months.reduce((a, b) => (a > b ? a : b));
	from = addMonths(from, -1);
	const out: string[] = [];
	for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
	return out;
}

export interface Conflict {
	tracking: string;
	/** Winner first. */
	matches: ThreePLMatch[];
}

/** Trackings listed more than once across the files (RULINGS 3), to show which row is used. */
export function conflictList(lookup: ThreePLLookup): Conflict[] {
	const out: Conflict[] = [];
	for (const winner of lookup.rows()) {
		const matches = lookup.conflicts(winner.tracking);
		if (matches.length > 1) out.push({ tracking: winner.tracking, matches });
	}
	return out.sort((a, b) => a.tracking.localeCompare(b.tracking));
}

/** What the library's search finds: the rows of a tracking (winner first), else those of an order number. */
export function searchLookup(lookup: ThreePLLookup, query: string): ThreePLMatch[] {
	if (!query.trim()) return [];
	const conflicts = lookup.conflicts(query);
	if (conflicts.length) return conflicts;
	const one = lookup.get(query);
	return one ? [one] : lookup.byOrder(query);
}
