import { liveQuery, type Subscription } from 'dexie';
import { hasAnyRecord } from '$lib/db/stats';

/**
 * The browser storage that holds every table: how full it is, and whether the browser promised
 * to keep it (`persisted`) or may evict it under pressure. Persistence is requested as soon as the
 * database holds its first record, since from then on eviction would lose the user's work.
 */
class StorageHealth {
	/** `navigator.storage` exists (absent on old Safari and in insecure contexts). */
	supported = $state(false);
	usage = $state<number | null>(null);
	quota = $state<number | null>(null);
	persisted = $state<boolean | null>(null);
	/** The browser was asked and said no (it decides from engagement, installation, bookmarks). */
	denied = $state(false);
	#watch: Subscription | undefined;
	#started = false;

	/** Share of the quota in use, 0–1, when the browser tells both figures. */
	get ratio(): number | null {
		return this.usage !== null && this.quota ? this.usage / this.quota : null;
	}

	/** Reads the figures, then asks for persistence once the database holds data. */
	async start(): Promise<void> {
		if (this.#started) return;
		this.#started = true;
		await this.refresh();
		if (!this.supported || this.persisted) return;
		this.#watch = liveQuery(hasAnyRecord).subscribe({
			next: (hasData) => {
				if (!hasData) return;
				// Once per session: the browser's answer rarely changes before the next visit.
				this.stopWatching();
				this.requestPersist().catch((err) => console.error('Demande de stockage persistant', err));
			},
			error: (err) => console.error('Surveillance du stockage impossible', err)
		});
	}

	async refresh(): Promise<void> {
		const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
		this.supported = !!storage?.estimate;
		if (!storage?.estimate) return;
		const [estimate, persisted] = await Promise.all([
			storage.estimate(),
			storage.persisted ? storage.persisted() : Promise.resolve(false)
		]);
		this.usage = estimate.usage ?? null;
		this.quota = estimate.quota ?? null;
		this.persisted = persisted;
	}

	/** Asks the browser to keep our data; returns whether it now does. */
	async requestPersist(): Promise<boolean> {
		const storage = navigator.storage;
		if (!storage?.persist) return false;
		const granted = await storage.persist();
		this.persisted = granted;
		this.denied = !granted;
		if (granted) this.stopWatching();
		await this.refresh();
		return granted;
	}

	stopWatching(): void {
		this.#watch?.unsubscribe();
		this.#watch = undefined;
	}
}

export const storageHealth = new StorageHealth();
