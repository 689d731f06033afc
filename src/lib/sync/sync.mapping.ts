/**
 * Dexie records ⇄ CouchDB documents, pure. One document per record, `_id` = `<table>:<key>`; a
 * dataset is keyed by the SHA-256 of its original (the same file on two devices is one document)
 * and carries that original as an attachment named by the hash, never its parsed rows.
 */
import type { DatasetRecord } from '$lib/db/records';
import { DATASET_STORES, type DatasetStore } from '$lib/db/schema';
import { syncedTables } from '$lib/db/registry';
import { SETTING_KEYS } from '$lib/settings/settings.repository';

/** What a dataset document says about its file: enough to parse it again through the intake. */
export interface FileDocData {
	store: DatasetStore;
	slot: string;
	fileName: string;
	sha256: string;
	size: number;
	period: string | null;
	/** The intake parser that read it (`meta.parser`). */
	parser: string;
	/** The sending device imported it without some unreadable lines: the receiver does the same. */
	skippedLines: number;
}

export interface Attachment {
	content_type: string;
	data: Blob;
}

export interface SyncDoc {
	_id: string;
	_rev?: string;
	_deleted?: boolean;
	_conflicts?: string[];
	_attachments?: Record<string, Attachment>;
	table: string;
	data: Record<string, unknown>;
}

const POLICIES = new Map(syncedTables());

/** Device preferences that never leave the device, whatever their table. */
export function isSharedSetting(key: string): boolean {
	return key !== SETTING_KEYS.userName && !key.startsWith('device.') && !key.startsWith('sync.');
}

function datasetStore(table: string): DatasetStore | null {
	const store = table.replace(/Datasets$/, '');
	return table.endsWith('Datasets') && store in DATASET_STORES ? (store as DatasetStore) : null;
}

/** The document id of a record of `table`, or null when that record never syncs. */
export function docId(table: string, record: Record<string, unknown>): string | null {
	const policy = POLICIES.get(table);
	if (!policy) return null;
	if (policy === 'file') return `${table}:${record.sha256 as string}`;
	if (table === 'settings')
		return isSharedSetting(record.key as string) ? `settings:${record.key as string}` : null;
	const key = table === 'attendusClients' ? record.name : record.id;
	return `${table}:${key as string}`;
}

export function tableOf(id: string): string | null {
	const table = id.slice(0, id.indexOf(':'));
	return POLICIES.has(table) ? table : null;
}

/** The Dexie primary key (or, for datasets, the SHA-256) a document id names. */
export function keyOf(id: string): string {
	return id.slice(id.indexOf(':') + 1);
}

export function isFileTable(table: string): boolean {
	return POLICIES.get(table) === 'file';
}

function fileData(store: DatasetStore, d: DatasetRecord): FileDocData {
	return {
		store,
		slot: d.slot,
		fileName: d.fileName,
		sha256: d.sha256,
		size: d.size,
		period: d.period,
		parser: String(d.meta?.parser ?? ''),
		skippedLines: d.skipped.length
	};
}

/** The document for a record (its Blob as an attachment), or null when it stays on this device. */
export function toDoc(table: string, record: Record<string, unknown>): SyncDoc | null {
	const id = docId(table, record);
	if (!id) return null;
	const store = datasetStore(table);
	if (store) {
		const d = record as unknown as DatasetRecord;
		return {
			_id: id,
			table,
			data: fileData(store, d) as unknown as Record<string, unknown>,
			_attachments: {
				[d.sha256]: { content_type: d.original.type || 'application/octet-stream', data: d.original }
			}
		};
	}
	if (table === 'claimAttachments') {
		const { blob, ...data } = record as { blob: Blob } & Record<string, unknown>;
		return {
			_id: id,
			table,
			data,
			_attachments: {
				[data.sha256 as string]: { content_type: blob.type || 'application/octet-stream', data: blob }
			}
		};
	}
	return { _id: id, table, data: { ...record } };
}

/** The Dexie record a (non-file) document holds; `blob` is the attachment, for claim attachments. */
export function fromDoc(doc: Pick<SyncDoc, 'table' | 'data'>, blob?: Blob): Record<string, unknown> {
	if (doc.table === 'claimAttachments') {
		if (!blob) throw new Error(`Pièce jointe absente du document ${String(doc.data.id)}`);
		return { ...doc.data, blob };
	}
	return { ...doc.data };
}

/** JSON with sorted keys: two equal records give one string whatever their key order. */
export function canonical(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** A short fingerprint of a document's content (cyrb53: fast, not cryptographic — it only spots edits). */
export function digest(doc: Pick<SyncDoc, 'table' | 'data'>): string {
	const text = canonical([doc.table, doc.data]);
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 2654435761);
		h2 = Math.imul(h2 ^ c, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
