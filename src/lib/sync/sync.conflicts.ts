/**
 * Conflicts (concurrent edits of one document, CouchDB `_conflicts`): every version side by side, and
 * the user's choice written as a new revision over the winner with the other leaves deleted — a
 * change like any other, so it replicates and every device converges. For a claim, the versions not
 * kept are written into its history.
 */
import { canonical, keyOf, tableOf, type SyncDoc } from './sync.mapping';

export interface ConflictVersion {
	rev: string;
	data: Record<string, unknown>;
}

export interface Conflict {
	id: string;
	table: string;
	key: string;
	versions: ConflictVersion[];
}

/** Fields whose values differ between versions (history and timestamps aside), for the side-by-side view. */
export function differingFields(versions: ConflictVersion[]): string[] {
	const fields = new Set(versions.flatMap((v) => Object.keys(v.data)));
	return [...fields].filter((f) => {
		if (f === 'history' || f === 'updatedAt') return false;
		const values = new Set(versions.map((v) => canonical(v.data[f])));
		return values.size > 1;
	});
}

/** The claim as kept, with one history entry per version set aside (its differing fields, as they were). */
export function keptWithHistory(
	kept: ConflictVersion,
	others: ConflictVersion[],
	by: string,
	at: number
): Record<string, unknown> {
	if (!Array.isArray(kept.data.history)) return kept.data;
	const entries = others.map((o) => {
		const fields = differingFields([kept, o]);
		return {
			at,
			by,
			field: 'conflict',
			from: Object.fromEntries(fields.map((f) => [f, o.data[f]])),
			to: null
		};
	});
	return { ...kept.data, history: [...(kept.data.history as unknown[]), ...entries], updatedAt: at };
}

export async function loadConflict(local: PouchDB.Database<SyncDoc>, id: string): Promise<Conflict | null> {
	const table = tableOf(id);
	if (!table) return null;
	const winner = await local.get(id, { conflicts: true }).catch(() => null);
	if (!winner?._conflicts?.length) return null;
	const others = await Promise.all(winner._conflicts.map((rev) => local.get(id, { rev })));
	const versions = [winner, ...others].map((d) => ({ rev: d._rev, data: d.data }));
	return { id, table, key: keyOf(id), versions };
}

/** Keeps `rev`: written over the winning revision, every other leaf deleted, in one bulk write. */
export async function keepVersion(
	local: PouchDB.Database<SyncDoc>,
	conflict: Conflict,
	rev: string,
	by: string
): Promise<void> {
	const winner = await local.get(conflict.id, { conflicts: true });
	const kept = conflict.versions.find((v) => v.rev === rev);
	if (!kept) throw new Error(`Version ${rev} introuvable pour ${conflict.id}`);
	const others = conflict.versions.filter((v) => v.rev !== rev);
	const data = keptWithHistory(kept, others, by, Date.now());
	const { _conflicts: leaves = [], ...current } = winner;
	const docs: PouchDB.Core.PutDocument<SyncDoc>[] = [
		{ ...current, data },
		...leaves.map((leaf) => ({
			_id: conflict.id,
			_rev: leaf,
			_deleted: true,
			table: conflict.table,
			data: {}
		}))
	];
	const results = await local.bulkDocs(docs);
	const failed = results.find((r) => !('ok' in r) || !r.ok);
	if (failed) throw new Error(`Choix non enregistré pour ${conflict.id} : ${JSON.stringify(failed)}`);
}
