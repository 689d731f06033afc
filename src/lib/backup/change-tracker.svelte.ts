/**
 * When each table last changed, for the diagnostic. Dexie announces every committed write (in
 * this tab and others) through its 'storagemutated' event; the times are kept in localStorage,
 * outside the database, so that recording them is not itself a change to back up.
 */
import Dexie from 'dexie';

const KEY = 'pilot.lastChanges';

function load(): Record<string, number> {
	try {
		return JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '{}') as Record<string, number>;
	} catch {
		return {};
	}
}

class ChangeLog {
	at = $state<Record<string, number>>(load());

	note(tables: Iterable<string>, when = Date.now()): void {
		const next = { ...this.at };
		for (const t of tables) next[t] = when;
		this.at = next;
		try {
			globalThis.localStorage?.setItem(KEY, JSON.stringify(next));
		} catch {
			// Private mode or full storage: the times stay in memory for this session.
		}
	}
}

export const changeLog = new ChangeLog();

/** Time of the latest change to the data itself (snapshots are copies of it, not changes). */
export function latestDataChange(): number {
	return Math.max(0, ...Object.entries(changeLog.at).map(([t, at]) => (t === 'snapshots' ? 0 : at)));
}

/** Tables named in a Dexie mutation set ("idb://<db>/<table>/<index>"), for database `dbName`. */
export function mutatedTables(parts: Record<string, unknown>, dbName: string): string[] {
	const prefix = `idb://${dbName}/`;
	const tables: string[] = [];
	for (const key of Object.keys(parts)) {
		const table = key.startsWith(prefix) ? key.slice(prefix.length).split('/')[0] : null;
		if (table && !tables.includes(table)) tables.push(table);
	}
	return tables;
}

let stop: (() => void) | null = null;

/** Starts recording change times (idempotent); call once when the app starts. */
export function startChangeTracking(dbName: string): () => void {
	if (!stop) {
		const listener = (parts: Record<string, unknown>) => {
			const tables = mutatedTables(parts, dbName);
			if (tables.length) changeLog.note(tables);
		};
		Dexie.on('storagemutated', listener);
		stop = () => {
			Dexie.on('storagemutated').unsubscribe(listener);
			stop = null;
		};
	}
	return stop;
}
