/**
 * Team sync as the pages see it. This module is small and loads no PouchDB: the engine
 * (sync.engine.ts) is imported only when this device was connected to a team, so a device that
 * never opens « Synchronisation d'équipe » sends nothing and loads nothing more.
 */
import { errorMessage } from '$lib/i18n/errors';
import type { SyncConfig } from './sync.session';
import type { SyncEngine } from './sync.engine';

const KEY = 'pilot.sync';

/** What a restore on a synced device does with the team (asked before it starts). */
export type RestoreChoice = 'send' | 'disconnect' | 'cancel';

function loadConfig(): SyncConfig | null {
	try {
		const raw = globalThis.localStorage?.getItem(KEY);
		return raw ? (JSON.parse(raw) as SyncConfig) : null;
	} catch {
		return null;
	}
}

class TeamSync {
	/** The team this device is connected to (server, database, user — never the password). */
	config = $state<SyncConfig | null>(loadConfig());
	running = $state(false);
	busy = $state(false);
	online = $state(true);
	pending = $state(0);
	/** The replication has caught up with the team at least once since this page started. */
	caughtUp = $state(false);
	/** The first full download: documents received of those the team holds; null once done. */
	progress = $state<{ done: number; total: number } | null>(null);
	paused = $state(false);
	error = $state<string | null>(null);
	conflicts = $state<string[]>([]);
	restoreQuestion = $state<((choice: RestoreChoice) => void) | null>(null);
	#engine: SyncEngine | null = null;

	get label(): string {
		if (!this.online) return this.pending ? `Hors ligne · En attente (${this.pending})` : 'Hors ligne';
		if (this.paused) return `En pause · En attente (${this.pending})`;
		if (this.pending) return `En attente (${this.pending})`;
		return this.progress || !this.caughtUp ? 'Synchronisation en cours…' : 'Synchronisé';
	}

	#save(config: SyncConfig | null): void {
		this.config = config;
		if (config) globalThis.localStorage?.setItem(KEY, JSON.stringify(config));
		else globalThis.localStorage?.removeItem(KEY);
	}

	async #engineFor(config: SyncConfig): Promise<SyncEngine> {
		const { SyncEngine } = await import('./sync.engine');
		return new SyncEngine(config, this);
	}

	/** At app start: resumes the team sync of a connected device; does nothing otherwise. */
	async resume(): Promise<void> {
		if (!this.config || this.#engine) return;
		await this.#run(this.config, async (engine) => engine.start());
	}

	/** Logs in (the password is used once, then forgotten) and starts syncing. */
	async connect(input: { server: string; db: string; user: string }, password: string): Promise<boolean> {
		const { normaliseServer, validDbName, login } = await import('./sync.session');
		this.error = null;
		try {
			const config = { server: normaliseServer(input.server), db: input.db.trim(), user: input.user.trim() };
			if (!validDbName(config.db))
				throw new (await import('$lib/i18n/errors')).PilotError('validation', {
					message: `Nom de base invalide « ${config.db} » : minuscules, chiffres et _ $ ( ) + - / seulement, en commençant par une lettre.`
				});
			this.busy = true;
			await login(config, password);
			this.#save(config);
			return await this.#run(config, (engine) => engine.start());
		} catch (err) {
			this.error = errorMessage(err);
			return false;
		} finally {
			this.busy = false;
		}
	}

	async #run(config: SyncConfig, fn: (engine: SyncEngine) => Promise<void>): Promise<boolean> {
		try {
			this.#engine = await this.#engineFor(config);
			this.running = true;
			await fn(this.#engine);
			return true;
		} catch (err) {
			console.error('Synchronisation', err);
			this.error = errorMessage(err);
			return false;
		}
	}

	/** Stops syncing and ends the session; everything stays on this device. */
	async disconnect(): Promise<void> {
		const engine = this.#engine;
		this.#engine = null;
		this.running = false;
		this.#save(null);
		this.pending = 0;
		this.caughtUp = false;
		this.progress = null;
		this.paused = false;
		this.conflicts = [];
		this.error = null;
		if (engine) await engine.stop({ forget: true });
	}

	pause(): void {
		this.paused = true;
		this.#engine?.pause();
	}

	unpause(): void {
		this.paused = false;
		this.#engine?.unpause();
	}

	engine(): SyncEngine | null {
		return this.#engine;
	}

	/**
	 * Before a restore: on a synced device, asks whether the restored data goes to the team or the
	 * device disconnects first. True when the restore may go on.
	 */
	async beforeRestore(): Promise<boolean> {
		if (!this.config) return true;
		const choice = await new Promise<RestoreChoice>((resolve) => {
			this.restoreQuestion = resolve;
		});
		this.restoreQuestion = null;
		if (choice === 'disconnect') await this.disconnect();
		return choice !== 'cancel';
	}
}

export const teamSync = new TeamSync();
