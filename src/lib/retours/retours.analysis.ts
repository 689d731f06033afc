/**
 * The returns analysis, pure: stored rows of every file in, the legacy's statistics, Synthèse and Détail out,
 * fixed of its bugs — "Total Retours" counts distinct returns like the Synthèse, the Détail is
 * chronological, a blank client is « NON ATTRIBUÉ » (RULINGS 1) instead of vanishing, and the per-client
 * figures the refacturation export needs are computed here.
 */
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import { dominantMonth } from '$lib/intake/values';
import { RETURNED, type RetourRow } from './retours.parser';

/** A stored file and its rows, oldest import first. */
export interface RetoursFile {
	dataset: { id: string; fileName: string; importedAt: number };
	rows: RetourRow[];
}

/** One return (a distinct `id`): the legacy's Détail row. */
export interface RetourDetail {
	id: string;
	/** First non-empty `resellers.name`, else NON ATTRIBUÉ. */
	client: string;
	/** First non-empty `orders.id`, '' when none. */
	order: string;
	/** Paris day of its first `createdAt`. */
	day: string | null;
	/** Instant of its first `createdAt` (sort key), null when the file gave a day only. */
	createdAt: number | null;
	products: number;
	/** Distinct non-empty reasons of its lines, joined with ", ". */
	reason: string;
	fileName: string;
	line: number;
}

/** The legacy's Synthèse row, with the figures the refacturation export needs. */
export interface ClientSynthese {
	client: string;
	returns: number;
	/** Distinct non-empty order numbers, in order of first appearance. */
	orders: string[];
	products: number;
	withReason: number;
	withoutReason: number;
}

export interface RetoursAnalysis {
	/** Distinct returns in the 'returned' state (the legacy's Synthèse count; R-3). */
	totalReturns: number;
	/** Distinct non-blank clients. */
	clients: number;
	products: number;
	/** Lines of every file, all states. */
	lines: number;
	returnedLines: number;
	/** Lines by state as written ('Returned' with a capital is not 'returned'). */
	states: Record<string, number>;
	/** Returns with no client: counted under NON ATTRIBUÉ. */
	unattributed: number;
	/** Returns listed in several files: the most recent import's lines are kept. */
	repeatedAcrossFiles: number;
	synthese: ClientSynthese[];
	detail: RetourDetail[];
	dateRange: [string, string] | null;
	/** Most frequent month of the returns' Paris days: the archive's period (R-4). */
	period: string | null;
}

const byText = (a: string, b: string) => a.localeCompare(b, 'fr', { numeric: true });

export function analyseRetours(files: readonly RetoursFile[]): RetoursAnalysis {
	const states: Record<string, number> = {};
	let lines = 0;
	// A return id belongs to the latest import that lists it (a re-export of a wider range repeats it).
	const owner = new Map<string, number>();
	const seenIn = new Map<string, Set<number>>();
	files.forEach((f, i) => {
		for (const row of f.rows) {
			lines++;
			const key = row.state || '(vide)';
			states[key] = (states[key] ?? 0) + 1;
			if (row.state !== RETURNED) continue;
			owner.set(row.id, i);
			const set = seenIn.get(row.id) ?? new Set<number>();
			set.add(i);
			seenIn.set(row.id, set);
		}
	});

	interface Acc extends RetourDetail {
		reasons: string[];
	}
	const returns = new Map<string, Acc>();
	let returnedLines = 0;
	files.forEach((f, i) => {
		for (const row of f.rows) {
			if (row.state !== RETURNED || owner.get(row.id) !== i) continue;
			returnedLines++;
			let r = returns.get(row.id);
			if (!r) {
				r = {
					id: row.id,
					client: '',
					order: '',
					day: row.day,
					createdAt: row.createdAt,
					products: 0,
					reason: '',
					reasons: [],
					fileName: f.dataset.fileName,
					line: row._line
				};
				returns.set(row.id, r);
			}
			if (!r.client && row.client) r.client = row.client;
			if (!r.order && row.order) r.order = row.order;
			r.products += row.quantity;
			if (row.reason && !r.reasons.includes(row.reason)) r.reasons.push(row.reason);
		}
	});

	const detail: RetourDetail[] = [];
	const clients = new Map<string, ClientSynthese>();
	let unattributed = 0;
	for (const { reasons, ...r } of returns.values()) {
		if (!r.client) unattributed++;
		const d: RetourDetail = { ...r, client: r.client || NON_ATTRIBUE, reason: reasons.join(', ') };
		detail.push(d);
		const s = clients.get(d.client) ?? {
			client: d.client,
			returns: 0,
			orders: [],
			products: 0,
			withReason: 0,
			withoutReason: 0
		};
		s.returns++;
		s.products += d.products;
		if (d.reason) s.withReason++;
		else s.withoutReason++;
		clients.set(d.client, s);
	}
	// Order numbers of a client in the file's order of appearance (the legacy's unique()).
	files.forEach((f, i) => {
		for (const row of f.rows) {
			if (row.state !== RETURNED || !row.order || owner.get(row.id) !== i) continue;
			const s = clients.get(row.client || NON_ATTRIBUE);
			if (s && !s.orders.includes(row.order)) s.orders.push(row.order);
		}
	});

	// Chronological, latest first; same moment: by return id.
	const sortKey = (d: RetourDetail) => d.createdAt ?? (d.day ? Date.parse(`${d.day}T12:00:00Z`) : 0);
	detail.sort((a, b) => sortKey(b) - sortKey(a) || byText(a.id, b.id));
	const synthese = [...clients.values()].sort((a, b) => b.returns - a.returns || byText(a.client, b.client));
	const days = detail.flatMap((d) => (d.day ? [d.day] : [])).sort();

	return {
		totalReturns: detail.length,
		clients: [...clients.keys()].filter((c) => c !== NON_ATTRIBUE).length,
		products: detail.reduce((n, d) => n + d.products, 0),
		lines,
		returnedLines,
		states,
		unattributed,
		repeatedAcrossFiles: [...seenIn.values()].filter((s) => s.size > 1).length,
		synthese,
		detail,
		dateRange: days.length ? [days[0], days[days.length - 1]] : null,
		period: dominantMonth(days)
	};
}

/** States left out, for the page: "9 pending, 3 cancelled, 3 Returned". */
export function excludedStates(a: RetoursAnalysis): { state: string; lines: number }[] {
	return Object.entries(a.states)
		.filter(([state]) => state !== RETURNED)
		.map(([state, lines]) => ({ state, lines }))
		.sort((x, y) => y.lines - x.lines || byText(x.state, y.state));
}
