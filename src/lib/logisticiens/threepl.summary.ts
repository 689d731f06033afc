/** The library's listing: files grouped by period with counts per carrier and per partner. Pure. */
import type { DatasetRecord } from '$lib/db/records';
import { groupCounts } from '$lib/intake/values';

export interface PeriodSummary {
	period: string;
	files: DatasetRecord[];
	rows: number;
	skipped: number;
	perCarrier: [string, number][];
	perPartner: [string, number][];
}

function add(into: Map<string, number>, counts: unknown) {
	for (const [k, n] of Object.entries((counts ?? {}) as Record<string, number>))
		into.set(k, (into.get(k) ?? 0) + n);
}

const byName = (a: [string, number], b: [string, number]) => a[0].localeCompare(b[0], 'fr');

/** Newest period first; within a period, files in upload order. */
export function summarisePeriods(datasets: DatasetRecord[]): PeriodSummary[] {
	const groups = new Map<string, DatasetRecord[]>();
	for (const d of [...datasets].sort((a, b) => a.importedAt - b.importedAt)) {
		const key = d.period ?? '';
		groups.set(key, [...(groups.get(key) ?? []), d]);
	}
	return [...groups.entries()]
		.sort((a, b) => b[0].localeCompare(a[0]))
		.map(([period, files]) => {
			const carriers = new Map<string, number>();
			const partners = new Map<string, number>();
			for (const f of files) {
				add(carriers, f.meta.perCarrier);
				add(partners, f.meta.perPartner);
			}
			return {
				period,
				files,
				rows: files.reduce((n, f) => n + f.rowCount, 0),
				skipped: files.reduce((n, f) => n + f.skipped.length, 0),
				// `DPD`, `dpd` and `Dpd` are one carrier (RULINGS 20).
				perCarrier: groupCounts(carriers),
				perPartner: [...partners].sort(byName)
			};
		});
}
