/**
 * Whether the last snapshot failed for want of room, remembered on this device (localStorage,
 * like the change log) so that each page load does not retry the daily snapshot and repeat the
 * same error: the user is told once, then again only if the data changed since (that newer data
 * is unprotected). A snapshot that succeeds forgets it.
 */
const KEY = 'pilot.snapshotNoRoom';

export interface NoRoom {
	/** When the snapshot failed. */
	at: number;
	/** Latest data change known then (see `latestDataChange`). */
	dataAt: number;
}

function load(): NoRoom | null {
	try {
		const value = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null') as NoRoom | null;
		return value && typeof value.at === 'number' && typeof value.dataAt === 'number' ? value : null;
	} catch {
		return null;
	}
}

class SnapshotRoom {
	full = $state<NoRoom | null>(load());

	/** A snapshot is worth trying: none failed for room, or the data changed since. */
	worthTrying(dataAt: number): boolean {
		return !this.full || dataAt > this.full.dataAt;
	}

	/** Records a failure; returns whether the user should be told (not already told for this data). */
	noteFull(dataAt: number, at = Date.now()): boolean {
		const tell = this.worthTrying(dataAt);
		this.#save({ at, dataAt });
		return tell;
	}

	/** A snapshot was written, or room was made. */
	forget(): void {
		if (this.full) this.#save(null);
	}

	/** Re-reads the device's record (another tab, or a test standing in for a new page load). */
	reload(): void {
		this.full = load();
	}

	#save(value: NoRoom | null): void {
		this.full = value;
		try {
			if (value) globalThis.localStorage?.setItem(KEY, JSON.stringify(value));
			else globalThis.localStorage?.removeItem(KEY);
		} catch {
			// Storage full or blocked: remembered for this session only.
		}
	}
}

export const snapshotRoom = new SnapshotRoom();
