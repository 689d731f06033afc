/**
 * The running team sync of this device: Dexie ⇄ (SyncBridge) ⇄ a PouchDB in IndexedDB ⇄ (PouchDB's
 * replication, live, retrying with backoff) ⇄ the team's CouchDB. Loaded only once a team is set.
 */
import Dexie from 'dexie';
import PouchDB from 'pouchdb-browser';
import { DB_NAME } from '$lib/db/pilot-db';
import { mutatedTables } from '$lib/backup/change-tracker.svelte';
import { syncedTables } from '$lib/db/registry';
import { errorMessage, PilotError } from '$lib/i18n/errors';
import { SyncBridge } from './sync.bridge';
import { fileHooks } from './sync.files';
import type { SyncDoc } from './sync.mapping';
import { checkAccess, credentialed, logout, type SyncConfig } from './sync.session';
import type { teamSync } from './sync.svelte';

type State = typeof teamSync;
type Replication = PouchDB.Replication.Sync<SyncDoc> | PouchDB.Replication.Replication<SyncDoc>;

const SYNCED = new Set(syncedTables().map(([name]) => name));
const BACKOFF_MAX_MS = 30_000;
const DEBOUNCE_MS = 150;

/** The device's copy of the team database, one per server and database. */
export function localName(config: SyncConfig): string {
	return `pilot-sync-${encodeURIComponent(`${config.server}/${config.db}`)}`;
}

export class SyncEngine {
	readonly local: PouchDB.Database<SyncDoc>;
	private readonly remote: PouchDB.Database<SyncDoc>;
	private readonly bridge: SyncBridge;
	private replication: Replication | null = null;
	private feed: PouchDB.Core.Changes<SyncDoc> | null = null;
	private timer: ReturnType<typeof setTimeout> | null = null;
	private dirty = new Set<string>();
	private pushedSeq: number | string = 0;
	private stopped = false;
	/** The live replication's last word was « paused » without error: nothing in flight. */
	private replicationIdle = false;
	private readonly onMutated = (parts: Record<string, unknown>) => {
		const tables = mutatedTables(parts, DB_NAME).filter((t) => SYNCED.has(t));
		if (tables.length) this.schedule(tables);
	};
	private readonly onOnline = () => this.restartReplication();
	private readonly onOffline = () => (this.state.online = false);

	constructor(
		private readonly config: SyncConfig,
		private readonly state: State
	) {
		this.local = new PouchDB<SyncDoc>(localName(config));
		this.remote = new PouchDB<SyncDoc>(`${config.server}/${encodeURIComponent(config.db)}`, {
			fetch: credentialed,
			skip_setup: true
		});
		this.bridge = new SyncBridge(this.local, fileHooks);
	}

	async start(): Promise<void> {
		await this.bridge.load();
		this.state.conflicts = this.bridge.conflicts;
		Dexie.on('storagemutated', this.onMutated);
		globalThis.addEventListener?.('online', this.onOnline);
		globalThis.addEventListener?.('offline', this.onOffline);
		this.feed = this.local
			.changes({ since: 'now', live: true })
			.on('change', () => this.schedule([]))
			.on('error', (err) => console.error('Flux local de synchronisation', err));
		if (this.pushedSeq === 0) this.pushedSeq = (await this.local.info()).update_seq;
		await this.firstDownload();
		await this.runBridge();
		if (!this.state.paused) this.restartReplication();
	}

	/**
	 * Before this device sends anything: everything the team already has comes down (with progress,
	 * pausable), so records this device also holds are compared with the team's, never blindly pushed.
	 */
	private async firstDownload(): Promise<void> {
		const info = await this.remote.info().catch(() => null);
		const have = (await this.local.info()).doc_count;
		if (!info || info.doc_count <= have) return;
		this.state.progress = { done: 0, total: info.doc_count - have };
		await new Promise<void>((done) => {
			const pull = this.local.replicate.from(this.remote, { batch_size: 200, batches_limit: 4 });
			this.replication = pull;
			pull
				.on('change', (c) => {
					const progress = this.state.progress;
					if (progress) this.state.progress = { ...progress, done: progress.done + c.docs_written };
					this.schedule([]);
				})
				.on('complete', () => done())
				.on('error', (err) => {
					this.report(err);
					done();
				});
		});
		this.replication = null;
		if (!this.state.paused) this.state.progress = null;
	}

	private restartReplication(): void {
		if (this.stopped || this.state.paused) return;
		this.replication?.cancel();
		const sync = this.local.sync(this.remote, {
			live: true,
			retry: true,
			batch_size: 200,
			back_off_function: (delay: number) => (delay ? Math.min(delay * 2, BACKOFF_MAX_MS) : 1000)
		});
		this.replication = sync;
		sync
			.on('change', (info) => {
				this.state.online = true;
				if (info.direction === 'push') this.pushedSeq = info.change.last_seq;
				void this.refreshPending();
			})
			.on('paused', (err) => {
				this.state.online = !err && globalThis.navigator?.onLine !== false;
				if (!err) {
					this.state.error = null;
					void this.local.info().then((i) => {
						// Offline, nothing reached the team: what was written meanwhile stays counted.
						if (globalThis.navigator?.onLine !== false) this.pushedSeq = i.update_seq;
						return this.refreshPending();
					});
					this.replicationIdle = true;
					// Up to date once the bridge has applied what arrived and has nothing left to send.
					void this.runBridge();
				}
			})
			.on('active', () => {
				this.state.online = true;
				this.replicationIdle = false;
			})
			.on('denied', (err) => this.report(err))
			.on('error', (err) => this.report(err));
	}

	/** Changes this device holds that the team has not acknowledged yet. */
	private async refreshPending(): Promise<void> {
		if (this.stopped) return;
		const since = await this.local.changes({ since: this.pushedSeq, limit: 10_000 });
		this.state.pending = since.results.length;
	}

	/** A replication that stopped: names the cause (session, access, server) in French. */
	private report(err: unknown): void {
		console.error('Synchronisation', err);
		if (this.stopped) return;
		void checkAccess(this.config)
			.then(() => {
				this.state.error = null;
				setTimeout(() => this.restartReplication(), 5_000);
			})
			.catch((cause: unknown) => {
				if (cause instanceof PilotError && cause.code === 'sync-unreachable') {
					this.state.online = false;
					setTimeout(() => this.restartReplication(), 5_000);
				} else this.state.error = errorMessage(cause);
			});
	}

	private schedule(tables: string[]): void {
		// A local edit: not « Synchronisé » until the replication has sent it.
		if (tables.length) this.state.caughtUp = false;
		for (const t of tables) this.dirty.add(t);
		if (this.timer) clearTimeout(this.timer);
		this.timer = setTimeout(() => void this.runBridge(), DEBOUNCE_MS);
	}

	private async runBridge(): Promise<void> {
		this.timer = null;
		if (this.stopped) return;
		const tables = [...this.dirty];
		this.dirty.clear();
		try {
			await this.bridge.sync(tables.length ? tables : undefined);
			this.state.conflicts = this.bridge.conflicts;
			await this.refreshPending();
			if (this.replicationIdle && !this.dirty.size && !this.timer) this.state.caughtUp = true;
		} catch (err) {
			console.error('Synchronisation locale', err);
			this.state.error = errorMessage(err);
		}
	}

	/** Re-runs the bridge now (after a conflict is resolved). */
	refresh(): Promise<void> {
		return this.runBridge();
	}

	pause(): void {
		this.replication?.cancel();
		this.replication = null;
	}

	unpause(): void {
		if (this.state.progress)
			void this.firstDownload()
				.then(() => this.runBridge())
				.then(() => this.restartReplication());
		else this.restartReplication();
	}

	/** Stops everything; `forget` also ends the session and drops the device's copy of the team database. */
	async stop({ forget }: { forget: boolean }): Promise<void> {
		this.stopped = true;
		if (this.timer) clearTimeout(this.timer);
		this.replication?.cancel();
		this.feed?.cancel();
		Dexie.on('storagemutated').unsubscribe(this.onMutated);
		globalThis.removeEventListener?.('online', this.onOnline);
		globalThis.removeEventListener?.('offline', this.onOffline);
		if (forget) {
			await logout(this.config);
			await this.local.destroy();
		}
	}
}
