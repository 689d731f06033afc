/**
 * The part of PouchDB 9's API that Pilot uses. PouchDB ships no types, and @types/pouchdb-core
 * declares a global `Buffer` that breaks Node's own typings, so the few signatures live here.
 */
declare namespace PouchDB {
	type Seq = number | string;

	namespace Core {
		interface Meta {
			_id: string;
			_rev: string;
			_conflicts?: string[];
			_deleted?: boolean;
		}
		type ExistingDocument<T> = T & Meta;
		type PutDocument<T> = T & { _id: string; _rev?: string; _deleted?: boolean };
		type BulkResult =
			{ ok: true; id: string; rev: string } | { error: true | string; id: string; status?: number };
		interface ChangesResponseChange<T> {
			id: string;
			seq: Seq;
			changes: { rev: string }[];
			deleted?: boolean;
			doc?: ExistingDocument<T>;
		}
		interface ChangesResponse<T> {
			results: ChangesResponseChange<T>[];
			last_seq: Seq;
		}
		interface ChangesOptions {
			since?: Seq | 'now';
			limit?: number;
			live?: boolean;
			include_docs?: boolean;
			conflicts?: boolean;
		}
		interface Changes<T> {
			on(event: 'change', fn: (change: ChangesResponseChange<T>) => void): this;
			on(event: 'error', fn: (err: unknown) => void): this;
			cancel(): void;
		}
		interface GetOptions {
			rev?: string;
			revs?: boolean;
			conflicts?: boolean;
		}
		interface DatabaseInfo {
			doc_count: number;
			update_seq: Seq;
		}
	}

	namespace Replication {
		interface ReplicateOptions {
			live?: boolean;
			retry?: boolean;
			batch_size?: number;
			batches_limit?: number;
			back_off_function?: (delay: number) => number;
		}
		interface ChangeInfo {
			docs_read: number;
			docs_written: number;
			last_seq: Seq;
		}
		interface Replication<T> extends Promise<unknown> {
			on(event: 'change', fn: (info: ChangeInfo) => void): this;
			on(event: 'complete' | 'paused' | 'active' | 'denied' | 'error', fn: (info?: unknown) => void): this;
			cancel(): void;
			readonly _doc?: T;
		}
		interface Sync<T> {
			on(event: 'change', fn: (info: { direction: 'push' | 'pull'; change: ChangeInfo }) => void): this;
			on(event: 'complete' | 'paused' | 'active' | 'denied' | 'error', fn: (info?: unknown) => void): this;
			cancel(): void;
			readonly _doc?: T;
		}
	}

	interface Database<T extends object = object> {
		get(id: string, options?: Core.GetOptions): Promise<Core.ExistingDocument<T>>;
		put(doc: Core.PutDocument<T>): Promise<{ ok: true; id: string; rev: string }>;
		bulkDocs(docs: Core.PutDocument<T>[], options?: { new_edits?: boolean }): Promise<Core.BulkResult[]>;
		allDocs(options?: { include_docs?: boolean; keys?: string[] }): Promise<{
			rows: { id: string; value: { rev: string; deleted?: boolean } }[];
		}>;
		changes(options: Core.ChangesOptions & { live: true }): Core.Changes<T>;
		changes(options: Core.ChangesOptions): Promise<Core.ChangesResponse<T>>;
		getAttachment(id: string, name: string): Promise<Blob>;
		info(): Promise<Core.DatabaseInfo>;
		destroy(): Promise<void>;
		sync(remote: Database<T>, options?: Replication.ReplicateOptions): Replication.Sync<T>;
		replicate: {
			from(remote: Database<T>, options?: Replication.ReplicateOptions): Replication.Replication<T>;
			to(remote: Database<T>, options?: Replication.ReplicateOptions): Replication.Replication<T>;
		};
	}

	interface Options {
		adapter?: string;
		skip_setup?: boolean;
		fetch?: typeof fetch;
		auto_compaction?: boolean;
	}

	interface Static {
		new <T extends object = object>(name: string, options?: Options): Database<T>;
		plugin(plugin: unknown): Static;
		replicate<T extends object>(
			source: Database<T> | string,
			target: Database<T> | string,
			options?: Replication.ReplicateOptions
		): Replication.Replication<T>;
	}
}

declare module 'pouchdb-browser' {
	const PouchDB: PouchDB.Static;
	export default PouchDB;
}

declare module 'pouchdb-adapter-memory' {
	const plugin: unknown;
	export default plugin;
}
