/** The claims list, pure: filters, sorting, distinct values, KPIs and breakdowns, same-tracking lookups. */
import type { ClaimRecord, ClaimStatus } from '$lib/db/records';
import { normaliseTracking } from '$lib/intake/tracking';
import { CLAIM_STATUSES } from './claims.constants';
import { fold, motifText } from './claims.logic';

export interface ClaimFilter {
	status: ClaimStatus | '';
	carrier: string;
	partner: string;
	from: string;
	to: string;
	text: string;
}

export const NO_FILTER: ClaimFilter = { status: '', carrier: '', partner: '', from: '', to: '', text: '' };

export function filterClaims(claims: ClaimRecord[], f: ClaimFilter): ClaimRecord[] {
	const needle = fold(f.text);
	return claims.filter((c) => {
		if (f.status && c.status !== f.status) return false;
		if (f.carrier && c.carrier !== f.carrier) return false;
		if (f.partner && c.partner !== f.partner) return false;
		if (f.from && c.date < f.from) return false;
		if (f.to && c.date > f.to) return false;
		if (!needle) return true;
		const hay = [
			c.tracking,
			c.partner,
			c.originOrder,
			c.partnerOrder,
			c.carrier,
			motifText(c),
			c.notes,
			c.status
		];
		return hay.some((v) => fold(v).includes(needle));
	});
}

export type SortKey =
	'date' | 'tracking' | 'partner' | 'carrier' | 'motif' | 'amountCents' | 'status' | 'updatedAt';

export function sortClaims(claims: ClaimRecord[], key: SortKey, dir: 'asc' | 'desc'): ClaimRecord[] {
	const value = (c: ClaimRecord): string | number =>
		key === 'motif' ? motifText(c) : key === 'status' ? CLAIM_STATUSES.indexOf(c.status) : c[key];
	const sign = dir === 'asc' ? 1 : -1;
	return [...claims].sort((a, b) => {
		const va = value(a);
		const vb = value(b);
		const cmp =
			typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb), 'fr');
		return cmp * sign || a.createdAt - b.createdAt;
	});
}

/** Distinct values of a field, sorted in French order, for the filter lists. */
export function distinct(claims: ClaimRecord[], key: 'carrier' | 'partner'): string[] {
	return [...new Set(claims.map((c) => c[key]).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'fr'));
}

// ---------------------------------------------------------------- KPIs

export interface Money {
	cents: number;
	count: number;
}

export interface Breakdown {
	key: string;
	claimed: Money;
	received: Money;
	pending: Money;
	refused: Money;
}

export interface ClaimKpis extends Breakdown {
	partners: number;
	carriers: number;
}

function zero(key: string): Breakdown {
	const m = () => ({ cents: 0, count: 0 });
	return { key, claimed: m(), received: m(), pending: m(), refused: m() };
}

function add(into: Breakdown, c: ClaimRecord): void {
	into.claimed.cents += c.amountCents;
	into.claimed.count++;
	const bucket = c.status === 'Reçue' ? into.received : c.status === 'Refusée' ? into.refused : into.pending;
	bucket.cents += c.amountCents;
	bucket.count++;
}

/** Claimed = every claim; received = "Reçue" only; refused never counts as money received (legacy I-4). */
export function computeKpis(claims: ClaimRecord[]): ClaimKpis {
	const total = zero('Total');
	for (const c of claims) add(total, c);
	return {
		...total,
		partners: new Set(claims.map((c) => c.partner)).size,
		carriers: new Set(claims.map((c) => c.carrier)).size
	};
}

function breakdown(claims: ClaimRecord[], keyOf: (c: ClaimRecord) => string): Breakdown[] {
	const map = new Map<string, Breakdown>();
	for (const c of claims) {
		const key = keyOf(c);
		let b = map.get(key);
		if (!b) map.set(key, (b = zero(key)));
		add(b, c);
	}
	return [...map.values()];
}

/** Per carrier, largest amount claimed first. */
export function byCarrier(claims: ClaimRecord[]): Breakdown[] {
	return breakdown(claims, (c) => c.carrier).sort(
		(a, b) => b.claimed.cents - a.claimed.cents || a.key.localeCompare(b.key, 'fr')
	);
}

/** Per partner, largest amount claimed first. */
export function byPartner(claims: ClaimRecord[]): Breakdown[] {
	return breakdown(claims, (c) => c.partner).sort(
		(a, b) => b.claimed.cents - a.claimed.cents || a.key.localeCompare(b.key, 'fr')
	);
}

/** Per month of the claim's date ('YYYY-MM'), oldest first. */
export function byMonth(claims: ClaimRecord[]): Breakdown[] {
	return breakdown(claims, (c) => c.date.slice(0, 7)).sort((a, b) => a.key.localeCompare(b.key));
}

/** Claims already registered for this tracking (another claim than `exceptId`). */
export function sameTracking(claims: ClaimRecord[], tracking: string, exceptId?: string): ClaimRecord[] {
	const key = normaliseTracking(tracking);
	if (!key) return [];
	return claims.filter((c) => c.id !== exceptId && c.tracking === key);
}
