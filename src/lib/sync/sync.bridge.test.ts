import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import memory from 'pouchdb-adapter-memory';
import { PilotDB } from '$lib/db/pilot-db';
import type { ClaimRecord } from '$lib/db/records';
import { SyncBridge, type BridgeHooks } from './sync.bridge';
import type { SyncDoc } from './sync.mapping';

// pouchdb-browser reads `self` when it loads; node has none.
(globalThis as { self?: unknown }).self ??= globalThis;
const { default: PouchDB } = await import('pouchdb-browser');
PouchDB.plugin(memory);

const hooks: BridgeHooks = {
	importFile: async () => {
		throw new Error('no file in this test');
	},
	deleteFile: async () => {}
};

function claim(id: string, over: Partial<ClaimRecord> = {}): ClaimRecord {
	return {
		id,
		date: '2026-11-27',
		tracking: `TRK${id}`,
		partner: 'Acme',
		originOrder: '',
		partnerOrder: '',
		carrier: 'DPD',
		motif: 'Casse',
		motifOther: '',
		amountCents: 12_345,
		status: 'À constituer',
		notes: '',
		shippingDate: null,
		incidentDate: null,
		filedDate: null,
		paidDate: null,
		createdAt: 1,
		updatedAt: 1,
		history: [{ at: 1, by: 'Camille', field: 'created', from: null, to: 'À constituer' }],
		evidence: [],
		...over
	};
}

interface Device {
	dexie: PilotDB;
	pouch: PouchDB.Database<SyncDoc>;
	bridge: SyncBridge;
}

let n = 0;
let devices: Device[] = [];

async function device(): Promise<Device> {
	n++;
	const dexie = new PilotDB(`sync-test-${n}`);
	const pouch = new PouchDB<SyncDoc>(`pouch-${n}`, { adapter: 'memory' });
	const bridge = new SyncBridge(pouch, hooks, dexie);
	await bridge.load();
	const d = { dexie, pouch, bridge };
	devices.push(d);
	return d;
}

/** Both ways, as the live replication does with the team server in between. */
async function replicate(a: Device, b: Device): Promise<void> {
	await PouchDB.replicate(a.pouch, b.pouch);
	await PouchDB.replicate(b.pouch, a.pouch);
}

beforeEach(() => {
	devices = [];
});

afterEach(async () => {
	for (const d of devices) {
		d.dexie.close();
		await d.dexie.delete();
		await d.pouch.destroy();
	}
});

describe('sync bridge', () => {
	it('sends claims and shared settings, never device preferences, and applies them on the other device', async () => {
		const a = await device();
		const b = await device();
		await a.dexie.claims.bulkAdd([claim('1'), claim('2')]);
		await a.dexie.settings.bulkAdd([
			{ key: 'claims.deadlines', value: { dpd: 30 }, updatedAt: 1 },
			{ key: 'user.name', value: 'Camille', updatedAt: 1 }
		]);
		expect(await a.bridge.sync()).toEqual({ pulled: 0, pushed: 3 });
		await replicate(a, b);
		expect((await b.bridge.sync()).pulled).toBe(3);
		expect(await b.dexie.claims.get('2')).toEqual(claim('2'));
		expect((await b.dexie.settings.get('claims.deadlines'))?.value).toEqual({ dpd: 30 });
		expect(await b.dexie.settings.get('user.name')).toBeUndefined();
		const ids = (await b.pouch.allDocs()).rows.map((r) => r.id);
		expect(ids).not.toContain('settings:user.name');
		// Idempotent: nothing more to do on either side, and nothing echoes back.
		expect(await b.bridge.sync()).toEqual({ pulled: 0, pushed: 0 });
		expect(await a.bridge.sync()).toEqual({ pulled: 0, pushed: 0 });
	});

	it('resumes from its checkpoint after a restart', async () => {
		const a = await device();
		const b = await device();
		await a.dexie.claims.bulkAdd([claim('1')]);
		await a.bridge.sync();
		await replicate(a, b);
		await b.bridge.sync();
		await a.dexie.claims.put(claim('3'));
		await a.bridge.sync();
		await replicate(a, b);
		const restarted = new SyncBridge(b.pouch, hooks, b.dexie);
		await restarted.load();
		expect(await restarted.sync()).toEqual({ pulled: 1, pushed: 0 });
		expect(await b.dexie.claims.count()).toBe(2);
	});

	it('replicates a deletion, and its undo', async () => {
		const a = await device();
		const b = await device();
		await a.dexie.claims.bulkAdd([claim('1'), claim('2')]);
		await a.bridge.sync();
		await replicate(a, b);
		await b.bridge.sync();
		const removed = await a.dexie.claims.get('1');
		await a.dexie.claims.delete('1');
		await a.bridge.sync();
		await replicate(a, b);
		await b.bridge.sync();
		expect(await b.dexie.claims.get('1')).toBeUndefined();
		await a.dexie.claims.put(removed as ClaimRecord);
		await a.bridge.sync();
		await replicate(a, b);
		await b.bridge.sync();
		expect(await b.dexie.claims.get('1')).toEqual(claim('1'));
	});

	it('keeps concurrent edits as a conflict, and both devices show the same winner', async () => {
		const a = await device();
		const b = await device();
		await a.dexie.claims.add(claim('1'));
		await a.bridge.sync();
		await replicate(a, b);
		await b.bridge.sync();
		await a.dexie.claims.put(claim('1', { notes: 'vu par A', updatedAt: 2 }));
		await b.dexie.claims.put(claim('1', { notes: 'vu par B', updatedAt: 2 }));
		await a.bridge.sync();
		await b.bridge.sync();
		await replicate(a, b);
		await a.bridge.sync();
		await b.bridge.sync();
		expect(a.bridge.conflicts).toEqual(['claims:1']);
		expect(b.bridge.conflicts).toEqual(['claims:1']);
		const [onA, onB] = [await a.dexie.claims.get('1'), await b.dexie.claims.get('1')];
		expect(onA?.notes).toBe(onB?.notes);
		const doc = await a.pouch.get('claims:1', { conflicts: true });
		expect(doc._conflicts).toHaveLength(1);
	});

	it('settles by itself a conflict between identical versions, on both devices', async () => {
		const a = await device();
		const b = await device();
		await a.dexie.claims.add(claim('1'));
		await a.bridge.sync();
		await replicate(a, b);
		await b.bridge.sync();
		// A reaches the final content in two edits, B in one: equal records, different revisions.
		await a.dexie.claims.put(claim('1', { notes: 'brouillon', updatedAt: 2 }));
		await a.bridge.sync();
		await a.dexie.claims.put(claim('1', { notes: 'final', updatedAt: 3 }));
		await a.bridge.sync();
		await b.dexie.claims.put(claim('1', { notes: 'final', updatedAt: 3 }));
		await b.bridge.sync();
		await replicate(a, b);
		const forked = await a.pouch.get('claims:1', { conflicts: true });
		expect(forked._conflicts).toHaveLength(1);
		await a.bridge.sync();
		await b.bridge.sync();
		await replicate(a, b);
		await a.bridge.sync();
		await b.bridge.sync();
		for (const d of [a, b]) {
			expect(d.bridge.conflicts).toEqual([]);
			expect((await d.pouch.get('claims:1', { conflicts: true }))._conflicts ?? []).toEqual([]);
			expect((await d.dexie.claims.get('1'))?.notes).toBe('final');
		}
	});

	it('forks an edit made here while another device edited the same record', async () => {
		const a = await device();
		const b = await device();
		await a.dexie.claims.add(claim('1'));
		await a.bridge.sync();
		await replicate(a, b);
		await b.bridge.sync();
		await b.dexie.claims.put(claim('1', { notes: 'B' }));
		await b.bridge.sync();
		await replicate(a, b);
		// A edits before pulling B's revision: the pull must not overwrite A's edit silently.
		await a.dexie.claims.put(claim('1', { notes: 'A' }));
		await a.bridge.sync();
		expect(a.bridge.conflicts).toEqual(['claims:1']);
		const doc = await a.pouch.get('claims:1', { conflicts: true });
		const versions = [
			doc,
			...(await Promise.all((doc._conflicts ?? []).map((rev) => a.pouch.get('claims:1', { rev }))))
		];
		expect(versions.map((v) => v.data.notes).sort()).toEqual(['A', 'B']);
	});
});

describe('conflict resolution', () => {
	it('keeps the chosen version on both devices, the other one in the claim history', async () => {
		const { keepVersion, loadConflict } = await import('./sync.conflicts');
		const a = await device();
		const b = await device();
		await a.dexie.claims.add(claim('1'));
		await a.bridge.sync();
		await replicate(a, b);
		await b.bridge.sync();
		await a.dexie.claims.put(claim('1', { notes: 'A', amountCents: 100 }));
		await b.dexie.claims.put(claim('1', { notes: 'B', amountCents: 200 }));
		await a.bridge.sync();
		await b.bridge.sync();
		await replicate(a, b);
		await a.bridge.sync();
		const conflict = await loadConflict(a.pouch, 'claims:1');
		expect(conflict?.versions.map((v) => v.data.notes).sort()).toEqual(['A', 'B']);
		const keptB = conflict?.versions.find((v) => v.data.notes === 'B');
		await keepVersion(a.pouch, conflict!, keptB!.rev, 'Camille');
		await a.bridge.sync();
		await replicate(a, b);
		await b.bridge.sync();
		for (const d of [a, b]) {
			expect(d.bridge.conflicts).toEqual([]);
			const c = await d.dexie.claims.get('1');
			expect(c?.notes).toBe('B');
			expect(c?.history.at(-1)).toMatchObject({ field: 'conflict', from: { notes: 'A', amountCents: 100 } });
		}
		expect(await loadConflict(b.pouch, 'claims:1')).toBeNull();
	});
});
