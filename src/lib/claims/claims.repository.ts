/** Reads of the claims tables (live queries wrap these). Writes live in claims.service.ts. */
import { db } from '$lib/db/pilot-db';
import type { ClaimAttachmentRecord, ClaimRecord } from '$lib/db/records';
import { getSetting } from '$lib/settings/settings.repository';
import { DEADLINES_SETTING_KEY, readDeadlines, type DeadlineSettings } from './claims.deadlines';
import { CLOSED_STATUSES, tileSummary } from './claims.logic';

export function listClaims(): Promise<ClaimRecord[]> {
	return db.claims.toArray();
}

/** Attachments of one claim, oldest first; the Blobs come along (they are the thumbnails). */
export async function listAttachments(claimId: string): Promise<ClaimAttachmentRecord[]> {
	const rows = await db.claimAttachments.where('claimId').equals(claimId).toArray();
	return rows.sort((a, b) => a.addedAt - b.addedAt);
}

/** How many files are attached to one claim (the evidence checklist counts them). */
export function attachmentCount(claimId: string): Promise<number> {
	return db.claimAttachments.where('claimId').equals(claimId).count();
}

/** Attachments per claim id, without loading any Blob into the page's lists. */
export async function attachmentCounts(): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	await db.claimAttachments.each((a) => {
		counts[a.claimId] = (counts[a.claimId] ?? 0) + 1;
	});
	return counts;
}

export async function getDeadlines(): Promise<DeadlineSettings> {
	return readDeadlines(await getSetting<unknown>(DEADLINES_SETTING_KEY, null));
}

/** What a reset of the module would erase, named in its confirmation. */
export async function moduleCounts(): Promise<{ claims: number; attachments: number }> {
	const [claims, attachments] = await Promise.all([db.claims.count(), db.claimAttachments.count()]);
	return { claims, attachments };
}

/** The home tile's line: "12 indemnisations en attente", counted on the status index (no claim is read). */
export async function claimsTileSummary(): Promise<string> {
	const [total, closed] = await Promise.all([
		db.claims.count(),
		db.claims.where('status').anyOf(CLOSED_STATUSES).count()
	]);
	return tileSummary({ total, open: total - closed });
}
