import { describe, expect, it } from 'vitest';
import type { DatasetRecord } from '$lib/db/records';
import { canonical, digest, docId, fromDoc, keyOf, tableOf, toDoc } from './sync.mapping';
import { differingFields, keptWithHistory } from './sync.conflicts';

const dataset: DatasetRecord = {
	id: 'local-uuid',
	slot: '3pl',
	fileName: 'LOG_2026_11.xlsx',
	sha256: 'ab'.repeat(32),
	original: new Blob(['bytes'], { type: 'application/vnd.ms-excel' }),
	size: 5,
	period: '2026-11',
	rowCount: 467,
	chunkCount: 1,
	columns: ['tracking'],
	importedAt: 123,
	dateRange: null,
	skipped: [],
	meta: { parser: '3pl' }
};

describe('sync mapping', () => {
	it('names documents by table and key, files by their SHA-256, and keeps device preferences local', () => {
		expect(docId('claims', { id: 'c1' })).toBe('claims:c1');
		expect(docId('attendusClients', { name: 'VELO & CO' })).toBe('attendusClients:VELO & CO');
		expect(docId('logisticiensDatasets', { sha256: 'ff' })).toBe('logisticiensDatasets:ff');
		expect(docId('settings', { key: 'claims.deadlines' })).toBe('settings:claims.deadlines');
		expect(docId('settings', { key: 'user.name' })).toBeNull();
		expect(docId('settings', { key: 'device.theme' })).toBeNull();
		for (const local of ['snapshots', 'backupHistory', 'logisticiensChunks'])
			expect(docId(local, { id: 'x' })).toBeNull();
		expect(tableOf('claims:c1')).toBe('claims');
		expect(tableOf('_design/x')).toBeNull();
		expect(keyOf('attendusClients:A:B')).toBe('A:B');
	});

	it('sends a dataset as its original (attachment named by SHA-256) and how to parse it, never its rows or local id', () => {
		const doc = toDoc('logisticiensDatasets', dataset as unknown as Record<string, unknown>);
		expect(doc?._id).toBe(`logisticiensDatasets:${dataset.sha256}`);
		expect(doc?.data).toEqual({
			store: 'logisticiens',
			slot: '3pl',
			fileName: 'LOG_2026_11.xlsx',
			sha256: dataset.sha256,
			size: 5,
			period: '2026-11',
			parser: '3pl',
			skippedLines: 0
		});
		expect(Object.keys(doc?._attachments ?? {})).toEqual([dataset.sha256]);
		expect(doc?._attachments?.[dataset.sha256].data).toBe(dataset.original);
		// Another device's import of the same bytes (other id, other time) is the same document.
		const there = toDoc('logisticiensDatasets', { ...dataset, id: 'other', importedAt: 999 } as never);
		expect(digest(there!)).toBe(digest(doc!));
	});

	it('carries a claim attachment Blob out as an attachment and back into the record', () => {
		const blob = new Blob(['png'], { type: 'image/png' });
		const record = {
			id: 'a1',
			claimId: 'c1',
			name: 'photo.png',
			type: 'image/png',
			size: 3,
			sha256: 'cd',
			blob,
			addedAt: 1
		};
		const doc = toDoc('claimAttachments', record)!;
		expect(doc.data).not.toHaveProperty('blob');
		expect(doc._attachments?.cd.content_type).toBe('image/png');
		expect(fromDoc(doc, blob)).toEqual(record);
		expect(() => fromDoc(doc)).toThrow(/Pièce jointe absente/);
	});

	it('fingerprints content whatever the key order, and any change of a field', () => {
		expect(canonical({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
		const a = { table: 'claims', data: { id: '1', notes: 'x', amountCents: 1 } };
		expect(digest(a)).toBe(digest({ table: 'claims', data: { amountCents: 1, notes: 'x', id: '1' } }));
		expect(digest(a)).not.toBe(digest({ table: 'claims', data: { ...a.data, notes: 'y' } }));
	});

	it('shows only the fields that differ, and writes the version set aside into the claim history', () => {
		const kept = { rev: '2-a', data: { notes: 'A', amountCents: 1, updatedAt: 5, history: [] } };
		const other = { rev: '2-b', data: { notes: 'B', amountCents: 1, updatedAt: 6, history: [] } };
		expect(differingFields([kept, other])).toEqual(['notes']);
		const merged = keptWithHistory(kept, [other], 'Camille', 10);
		expect(merged).toMatchObject({ notes: 'A', updatedAt: 10 });
		expect(merged.history).toEqual([
			{ at: 10, by: 'Camille', field: 'conflict', from: { notes: 'B' }, to: null }
		]);
	});
});
