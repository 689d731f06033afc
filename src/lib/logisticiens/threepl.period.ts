/** Which month a 3PL file bills (legacy §6, fixed: any header spelling, robust to stragglers). */
import { monthOf } from '$lib/intake/values';

function addMonths(month: string, delta: number): string {
	const [y, m] = month.split('-').map(Number);
	const d = new Date(Date.UTC(y, m - 1 + delta, 1));
	return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * The most frequent month among the days, ignoring those more than 2 months before the latest one
 * (a re-listed straggler must not win). Ties go to the later month. No day → null.
 */
export function detectPeriod(days: (string | null)[]): string | null {
	const valid = days.filter((d): d is string => !!d);
	if (!valid.length) return null;
	const latest = valid.reduce((a, b) => (a > b ? a : b));
	const cutoff = addMonths(monthOf(latest), -2);
	const counts = new Map<string, number>();
	for (const d of valid) {
		const month = monthOf(d);
		if (month >= cutoff) counts.set(month, (counts.get(month) ?? 0) + 1);
	}
	let best: [string, number] = ['', -1];
	for (const [month, n] of counts) if (n > best[1] || (n === best[1] && month > best[0])) best = [month, n];
	return best[0];
}

/** A month written in a file name ("LOG_2026_09.xlsx", "export-202611.xls"), the last resort. */
export function periodFromFileName(fileName: string): string | null {
	const m = /(?:^|\D)(20\d{2})[-_ .]?(0[1-9]|1[0-2])(?:\D|$)/.exec(fileName);
	return m ? `${m[1]}-${m[2]}` : null;
}

export { addMonths };
