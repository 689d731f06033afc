/**
 * Team-sync cases (syncFullMs, ratios.syncOverRawReplication): the first full sync of a second device
 * — PouchDB replication from the local test server, then the bridge writing every claim and file into
 * Dexie — against a bare PouchDB replication of the same documents.
 */
import PouchDB from 'pouchdb-browser';
import { db } from '$lib/db/pilot-db';
import type { ClaimAttachmentRecord, ClaimRecord } from '$lib/db/records';
import { SyncBridge, type BridgeHooks } from '$lib/sync/sync.bridge';
import type { SyncDoc } from '$lib/sync/sync.mapping';

type Measure = (fn: () => Promise<Record<string, unknown> | void>) => Promise<{ ms: number }>;

// Claims and their evidence files only: no dataset document reaches the hooks.
const hooks: BridgeHooks = {
	importFile: async () => {
		throw new Error('bench: no dataset expected');
	},
	deleteFile: async () => {}
};

function claims(n: number): ClaimRecord[] {
	const out: ClaimRecord[] = [];
	for (let i = 0; i < n; i++) {
		const at = Date.UTC(2026, 0, 1) + i * 60_000;
		out.push({
			id: `bench-claim-${i}`,
			date: '2026-11-27',
			tracking: `25${String(i).padStart(12, '0')}`,
			partner: `PARTENAIRE ${i % 40}`,
			originOrder: `O-${i}`,
			partnerOrder: `P-${i}`,
			carrier: ['DPD', 'Colissimo', 'Chronopost', 'DHL'][i % 4],
			motif: i % 3 ? 'Colis perdu' : 'Casse',
			motifOther: '',
			amountCents: 1_000 + (i % 9_000),
			status: 'En attente',
			notes: i % 5 ? '' : 'Relancé par téléphone',
			shippingDate: '2026-11-20',
			incidentDate: null,
			filedDate: '2026-11-27',
			paidDate: null,
			createdAt: at,
			updatedAt: at,
			history: [{ at, by: 'Bench', field: 'created', from: null, to: 'En attente' }],
			evidence: []
		});
	}
	return out;
}

function attachments(count: number, bytes: number): ClaimAttachmentRecord[] {
	return Array.from({ length: count }, (_, i) => {
		const data = new Uint8Array(bytes);
		for (let at = 0; at < bytes; at += 65_536) crypto.getRandomValues(data.subarray(at, at + 65_536));
		return {
			id: `bench-file-${i}`,
			claimId: `bench-claim-${i}`,
			name: `photo-${i}.jpg`,
			type: 'image/jpeg',
			size: bytes,
			sha256: i.toString(16).padStart(64, '0'),
			blob: new Blob([data], { type: 'image/jpeg' }),
			addedAt: Date.UTC(2026, 0, 2) + i
		};
	});
}

/** One-shot replication; resolves with the number of documents written. */
function replicate(from: PouchDB.Database<SyncDoc>, to: PouchDB.Database<SyncDoc>): Promise<number> {
	return new Promise((done, fail) => {
		PouchDB.replicate(from, to, { batch_size: 200, batches_limit: 4 })
			.on('complete', (info) => done((info as { docs_written: number }).docs_written))
			.on('error', (err) => fail(err));
	});
}

async function resetDexie(): Promise<void> {
	await db.delete({ disableAutoOpen: false });
	await db.open();
}

export function syncCases(measure: Measure) {
	return {
		/** The first device: its claims and files sent to the team database (not timed). */
		async syncSeed(remoteUrl: string, claimCount: number, fileCount: number, fileBytes: number) {
			await resetDexie();
			await db.claims.bulkAdd(claims(claimCount));
			await db.claimAttachments.bulkAdd(attachments(fileCount, fileBytes));
			const local = new PouchDB<SyncDoc>('bench-sync-seed');
			const bridge = new SyncBridge(local, hooks);
			await bridge.load();
			const { pushed } = await bridge.sync();
			await replicate(local, new PouchDB<SyncDoc>(remoteUrl));
			await local.destroy();
			await resetDexie();
			return { ms: 0, docs: pushed };
		},

		/** The second device's first full sync: replication, then every document into Dexie. */
		async syncFull(remoteUrl: string, claimCount: number, fileCount: number) {
			await resetDexie();
			const local = new PouchDB<SyncDoc>(`bench-sync-${Date.now()}`);
			const figures = await measure(async () => {
				await replicate(new PouchDB<SyncDoc>(remoteUrl), local);
				const bridge = new SyncBridge(local, hooks);
				await bridge.load();
				const { pulled } = await bridge.sync();
				return { docs: pulled };
			});
			const [c, f] = [await db.claims.count(), await db.claimAttachments.count()];
			await local.destroy();
			if (c !== claimCount || f !== fileCount)
				throw new Error(
					`syncFull: ${c} claims and ${f} files in Dexie, expected ${claimCount} and ${fileCount}`
				);
			return figures;
		},

		/** The floor: PouchDB alone replicating the same documents into a fresh local database. */
		async rawReplication(remoteUrl: string, docCount: number) {
			const local = new PouchDB<SyncDoc>(`bench-raw-repl-${Date.now()}`);
			let written = 0;
			const figures = await measure(async () => {
				written = await replicate(new PouchDB<SyncDoc>(remoteUrl), local);
			});
			await local.destroy();
			if (written !== docCount) throw new Error(`rawReplication: ${written} documents, expected ${docCount}`);
			return figures;
		}
	};
}
