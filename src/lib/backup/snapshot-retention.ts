/** Which snapshots to drop: keep the 3 latest of today and the latest of each of the 7 days before. */
export interface Dated {
	id: string;
	createdAt: number;
}

export const KEEP_TODAY = 3;
export const KEEP_DAYS = 7;

function dayStart(ms: number): number {
	const d = new Date(ms);
	return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

export function snapshotsToDelete(snapshots: Dated[], now: number): string[] {
	const today = dayStart(now);
	const sorted = [...snapshots].sort((a, b) => b.createdAt - a.createdAt);
	const keep = new Set<string>();
	const daysKept = new Set<number>();
	let todayKept = 0;
	for (const s of sorted) {
		const day = dayStart(s.createdAt);
		if (day >= today) {
			if (todayKept < KEEP_TODAY) {
				keep.add(s.id);
				todayKept++;
			}
			continue;
		}
		const daysAgo = Math.round((today - day) / 86_400_000);
		if (daysAgo <= KEEP_DAYS && !daysKept.has(day)) {
			keep.add(s.id);
			daysKept.add(day);
		}
	}
	return sorted.filter((s) => !keep.has(s.id)).map((s) => s.id);
}

/**
 * What may be deleted to make room for `incoming` before it is written on a full disk: only what
 * the rule drops anyway once it is in, and never the newest snapshot already kept — the last good
 * one, should the new write fail all the same.
 */
export function roomToFree(existing: Dated[], incoming: Dated): string[] {
	const newest = existing.reduce<Dated | null>((a, s) => (!a || s.createdAt > a.createdAt ? s : a), null);
	return snapshotsToDelete([...existing, incoming], incoming.createdAt).filter(
		(id) => id !== newest?.id && id !== incoming.id
	);
}
