/**
 * Dexie ⇄ the device's PouchDB (which PouchDB replicates with the team's CouchDB). `push` writes the
 * records that changed since they last agreed with PouchDB; `pull` applies PouchDB's changes feed to
 * Dexie. Both are idempotent (equal content is never written twice) and resume from a checkpoint,
 * `_local/pilot-bridge`: the last change applied and, per document, the digest and revision Dexie
 * agreed with ("base"). A record edited here while another device's edit arrives is kept as a
 * CouchDB conflict branch, never overwritten.
 */
import type { Table } from 'dexie';
import { db, type PilotDB } from '$lib/db/pilot-db';
import { withWrite } from '$lib/db/write-lock';
import { syncedTables } from '$lib/db/registry';
import {
	digest,
	fromDoc,
	isFileTable,
	keyOf,
	tableOf,
	toDoc,
	type FileDocData,
	type SyncDoc
} from './sync.mapping';

export interface BridgeHooks {
	/** Parses an arriving original through the intake and stores it with its rows. */
	importFile(data: FileDocData, original: Blob): Promise<void>;
	/** Deletes the local dataset(s) holding this file. */
	deleteFile(data: { store: string; sha256: string }): Promise<void>;
}

interface BridgeState {
	_id: string;
	_rev?: string;
	seq: number | string;
	/** docId → [digest, rev] of the content Dexie and PouchDB last agreed on. */
	base: Record<string, [string, string]>;
	/** Documents with unresolved `_conflicts`. */
	conflicts: string[];
}

const STATE_ID = '_local/pilot-bridge';
const BATCH = 500;
/**
 * The checkpoint (which holds every document's base) is written every this many pull batches and at
 * the end, not after each: rewriting it whole per batch made a first sync's bridge quadratic. A pull
 * cut short resumes from the last one written; re-applying equal content writes nothing.
 */
const SAVE_EVERY = 10;

type Doc = PouchDB.Core.ExistingDocument<SyncDoc>;

function randomRevId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class SyncBridge {
	private state: BridgeState = { _id: STATE_ID, seq: 0, base: {}, conflicts: [] };
	private queue: Promise<unknown> = Promise.resolve();

	/** `dexie` is the app's database; tests pass a second one to play a second device. */
	constructor(
		private readonly local: PouchDB.Database<SyncDoc>,
		private readonly hooks: BridgeHooks,
		private readonly dexie: PilotDB = db
	) {}

	private table(name: string): Table {
		return this.dexie.table(name);
	}

	private readLocal(name: string, key: string): Promise<Record<string, unknown> | undefined> {
		if (isFileTable(name)) return this.table(name).where('sha256').equals(key).first();
		return this.table(name).get(key);
	}

	/** The Dexie records a batch of changes names, one bulk read per table (files by SHA-256). */
	private async readLocals(
		changes: PouchDB.Core.ChangesResponseChange<SyncDoc>[]
	): Promise<Map<string, Record<string, unknown> | undefined>> {
		const byTable = new Map<string, string[]>();
		for (const { id } of changes) {
			const name = tableOf(id);
			if (!name) continue;
			const ids = byTable.get(name);
			if (ids) ids.push(id);
			else byTable.set(name, [id]);
		}
		const found = new Map<string, Record<string, unknown> | undefined>();
		for (const [name, ids] of byTable) {
			if (isFileTable(name)) {
				for (const id of ids) found.set(id, await this.readLocal(name, keyOf(id)));
				continue;
			}
			const records = await this.table(name).bulkGet(ids.map(keyOf));
			ids.forEach((id, i) => found.set(id, records[i]));
		}
		return found;
	}

	/** One transaction, under the app's write lock when it is the app's database. */
	private write(names: string[], fn: () => Promise<unknown>): Promise<unknown> {
		return this.dexie === db ? withWrite(names, fn) : this.dexie.transaction('rw', names, fn);
	}

	async load(): Promise<void> {
		try {
			this.state = (await this.local.get(STATE_ID)) as unknown as BridgeState;
		} catch (err) {
			if ((err as { status?: number }).status !== 404) throw err;
		}
	}

	get conflicts(): string[] {
		return this.state.conflicts;
	}

	/** Runs one pull then one push, after any still running (never two at once). */
	sync(tables?: string[]): Promise<{ pulled: number; pushed: number }> {
		const run = this.queue.then(async () => ({
			pulled: await this.pullNow(),
			pushed: await this.pushNow(tables)
		}));
		this.queue = run.catch(() => undefined);
		return run;
	}

	private async save(): Promise<void> {
		const { rev } = await this.local.put(this.state as never);
		this.state._rev = rev;
	}

	/** Dexie → PouchDB: records whose content differs from their base, and tombstones for removed ones. */
	private async pushNow(only?: string[]): Promise<number> {
		let written = 0;
		for (const [name] of syncedTables()) {
			if (only && !only.includes(name)) continue;
			const seen = new Set<string>();
			const docs: SyncDoc[] = [];
			const digests = new Map<string, string>();
			await this.table(name).each((record: Record<string, unknown>) => {
				const doc = toDoc(name, record);
				if (!doc) return;
				seen.add(doc._id);
				const d = digest(doc);
				const base = this.state.base[doc._id];
				if (base?.[0] === d) return;
				if (base) doc._rev = base[1];
				digests.set(doc._id, d);
				docs.push(doc);
			});
			for (const [id, [, rev]] of Object.entries(this.state.base)) {
				if (seen.has(id) || tableOf(id) !== name) continue;
				docs.push({ _id: id, _rev: rev, _deleted: true, table: name, data: {} });
			}
			for (let at = 0; at < docs.length; at += BATCH) {
				const slice = docs.slice(at, at + BATCH);
				const results = await this.local.bulkDocs(slice);
				results.forEach((r, i) => {
					const doc = slice[i];
					// A refused write (409) means another device's revision arrived first: the next pull forks.
					if (!('ok' in r) || !r.ok) return;
					if (doc._deleted) delete this.state.base[doc._id];
					else this.state.base[doc._id] = [digests.get(doc._id) as string, r.rev];
					written++;
				});
			}
			if (docs.length) await this.save();
		}
		return written;
	}

	/** PouchDB → Dexie, from the checkpoint on, a batch at a time. */
	private async pullNow(): Promise<number> {
		let applied = 0;
		let unsaved = 0;
		for (;;) {
			const feed = await this.local.changes({
				since: this.state.seq,
				limit: BATCH,
				include_docs: true,
				conflicts: true
			});
			if (!feed.results.length) break;
			applied += await this.applyBatch(feed.results as PouchDB.Core.ChangesResponseChange<SyncDoc>[]);
			this.state.seq = feed.last_seq;
			if (++unsaved >= SAVE_EVERY) {
				await this.save();
				unsaved = 0;
			}
		}
		if (unsaved) await this.save();
		return applied;
	}

	private noteConflict(id: string, doc: Doc | undefined): void {
		const has = !!doc?._conflicts?.length;
		const known = this.state.conflicts.includes(id);
		if (has && !known) this.state.conflicts = [...this.state.conflicts, id];
		if (!has && known) this.state.conflicts = this.state.conflicts.filter((c) => c !== id);
	}

	/**
	 * Conflicting revisions whose content equals the winner's (two devices reached the same record by
	 * different edits, e.g. the same archive rewritten on each) leave nothing to choose: they are
	 * deleted, which replicates like any change, instead of being shown under « Conflits à résoudre ».
	 */
	private async dropIdenticalLeaves(doc: Doc): Promise<void> {
		const same = digest(doc);
		const leaves = await Promise.all(
			(doc._conflicts ?? []).map((rev) => this.local.get(doc._id, { rev }) as Promise<Doc>)
		);
		const identical = leaves.filter((leaf) => digest(leaf) === same);
		if (!identical.length) return;
		await this.local.bulkDocs(
			identical.map((leaf) => ({
				_id: leaf._id,
				_rev: leaf._rev,
				_deleted: true,
				table: leaf.table,
				data: {}
			}))
		);
		const dropped = new Set(identical.map((leaf) => leaf._rev));
		doc._conflicts = doc._conflicts?.filter((rev) => !dropped.has(rev));
	}

	private async applyBatch(changes: PouchDB.Core.ChangesResponseChange<SyncDoc>[]): Promise<number> {
		const puts = new Map<string, Record<string, unknown>[]>();
		const deletes = new Map<string, string[]>();
		const files: (() => Promise<void>)[] = [];
		const forks: { id: string; name: string; record: Record<string, unknown>; winner: string }[] = [];
		let applied = 0;
		const locals = await this.readLocals(changes);
		for (const change of changes) {
			const name = tableOf(change.id);
			if (!name) continue;
			const doc = change.doc as Doc | undefined;
			const rev = change.changes[0].rev;
			if (doc?._conflicts?.length && !change.deleted) await this.dropIdenticalLeaves(doc);
			this.noteConflict(change.id, change.deleted ? undefined : doc);
			const base = this.state.base[change.id];
			if (base?.[1] === rev) continue; // our own write coming back
			const local = locals.get(change.id);
			const localDoc = local ? toDoc(name, local) : null;
			const localDigest = localDoc ? digest(localDoc) : null;
			const incoming = change.deleted || !doc ? null : digest(doc);
			if (localDigest === incoming) {
				if (incoming) this.state.base[change.id] = [incoming, rev];
				else delete this.state.base[change.id];
				continue;
			}
			const editedHere = base ? localDigest !== base[0] : localDigest !== null;
			if (editedHere && isFileTable(name) && local && incoming) {
				// Same bytes on both devices: one file, whatever each device noted about it.
				this.state.base[change.id] = [localDigest as string, rev];
				continue;
			}
			if (editedHere && local) {
				forks.push({ id: change.id, name, record: local, winner: rev });
				continue;
			}
			applied++;
			if (isFileTable(name)) {
				const sha = keyOf(change.id);
				const store = name.replace(/Datasets$/, '');
				files.push(async () => {
					if (!incoming || !doc) {
						await this.hooks.deleteFile({ store, sha256: sha });
						delete this.state.base[change.id];
						return;
					}
					const blob = (await this.local.getAttachment(change.id, sha)) as Blob;
					await this.hooks.importFile(doc.data as unknown as FileDocData, blob);
					const stored = await this.readLocal(name, sha);
					const storedDoc = stored ? toDoc(name, stored) : null;
					if (storedDoc) this.state.base[change.id] = [digest(storedDoc), rev];
				});
				continue;
			}
			if (!incoming || !doc) {
				const keys = deletes.get(name);
				if (keys) keys.push(keyOf(change.id));
				else deletes.set(name, [keyOf(change.id)]);
				delete this.state.base[change.id];
				continue;
			}
			const blob =
				name === 'claimAttachments'
					? ((await this.local.getAttachment(change.id, String(doc.data.sha256))) as Blob)
					: undefined;
			const records = puts.get(name);
			if (records) records.push(fromDoc(doc, blob));
			else puts.set(name, [fromDoc(doc, blob)]);
			this.state.base[change.id] = [incoming, rev];
		}
		const touched = [...new Set([...puts.keys(), ...deletes.keys()])];
		if (touched.length)
			await this.write(touched, async () => {
				for (const [name, records] of puts) await this.table(name).bulkPut(records);
				for (const [name, keys] of deletes) await this.table(name).bulkDelete(keys);
			});
		for (const run of files) await run();
		for (const fork of forks) await this.fork(fork);
		return applied;
	}

	/**
	 * Keeps this device's edit as a sibling revision of the one that arrived (a CouchDB conflict, shown
	 * under « Conflits à résoudre »); Dexie then shows the revision CouchDB picks as winner, on every device.
	 */
	private async fork({
		id,
		name,
		record,
		winner
	}: {
		id: string;
		name: string;
		record: Record<string, unknown>;
		winner: string;
	}): Promise<void> {
		const arrived = (await this.local.get(id, { rev: winner, revs: true })) as Doc & {
			_revisions: { start: number; ids: string[] };
		};
		const { start, ids } = arrived._revisions;
		const base = this.state.base[id]?.[1];
		const baseAt = base ? ids.indexOf(base.slice(base.indexOf('-') + 1)) : -1;
		// Branch from the revision this device last agreed with, else beside the one that arrived.
		const parents = baseAt >= 0 ? ids.slice(baseAt) : ids.slice(1);
		const gen = baseAt >= 0 ? start - baseAt + 1 : start;
		const revId = randomRevId();
		const doc = toDoc(name, record) as SyncDoc & { _revisions: { start: number; ids: string[] } };
		doc._rev = `${gen}-${revId}`;
		doc._revisions = { start: gen, ids: [revId, ...parents] };
		await this.local.bulkDocs([doc], { new_edits: false });
		const current = (await this.local.get(id, { conflicts: true }).catch(() => null)) as Doc | null;
		this.noteConflict(id, current ?? undefined);
		if (current && current._rev !== doc._rev) {
			const blob =
				name === 'claimAttachments'
					? ((await this.local.getAttachment(id, String(current.data.sha256))) as Blob)
					: undefined;
			await this.write([name], () => this.table(name).put(fromDoc(current, blob)));
			this.state.base[id] = [digest(current), current._rev];
		} else {
			this.state.base[id] = [digest(doc), doc._rev];
		}
	}
}
