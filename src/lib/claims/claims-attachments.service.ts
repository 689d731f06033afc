/**
 * Justificatifs of a claim: photos and PDFs only, recognised by their first bytes (RULINGS 25), read
 * and hashed before the transaction that adds them with a history entry on the claim.
 */
import { db } from '$lib/db/pilot-db';
import type { ClaimAttachmentRecord, ClaimHistoryEntry } from '$lib/db/records';
import { withWrite } from '$lib/db/write-lock';
import { PilotError } from '$lib/i18n/errors';
import { plural } from '$lib/i18n/format';
import { digestBytesYielding } from '$lib/backup/digests';
import { handleError, notifySuccess } from '$lib/state/notifications.svelte';
import { SNIFF_BYTES, sniffAttachmentType } from './attachment-type';
import { author, TABLES } from './claims.service';

export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** Photos and PDFs only, recognised by their first bytes (RULINGS 25); read and hashed before the transaction. */
async function prepareAttachment(
	f: File
): Promise<Omit<ClaimAttachmentRecord, 'id' | 'claimId' | 'addedAt'>> {
	if (f.size > MAX_ATTACHMENT_BYTES)
		throw new PilotError('attachment-rejected', { file: f.name, reason: 'size', limit: '25 Mo' });
	const bytes = new Uint8Array(await f.arrayBuffer());
	const type = sniffAttachmentType(bytes.subarray(0, SNIFF_BYTES));
	if (!type) throw new PilotError('attachment-rejected', { file: f.name, reason: 'type' });
	return {
		name: f.name,
		type,
		size: f.size,
		...(await digestBytesYielding(bytes)),
		blob: new Blob([bytes], { type })
	};
}

/** Adds photos and PDFs to a claim; duplicates (same SHA-256) are skipped. */
export async function addAttachments(claimId: string, files: File[]): Promise<number | undefined> {
	try {
		const prepared: Awaited<ReturnType<typeof prepareAttachment>>[] = [];
		for (const f of files) prepared.push(await prepareAttachment(f));
		const by = await author();
		const added = await withWrite(TABLES, async () => {
			const claim = await db.claims.get(claimId);
			if (!claim) throw new PilotError('not-found', { what: "L'indemnisation" });
			const existing = new Set(
				(await db.claimAttachments.where('claimId').equals(claimId).toArray()).map((a) => a.sha256)
			);
			const at = Date.now();
			const records: ClaimAttachmentRecord[] = [];
			for (const p of prepared) {
				if (existing.has(p.sha256)) continue;
				existing.add(p.sha256);
				records.push({ id: crypto.randomUUID(), claimId, addedAt: at, ...p });
			}
			if (!records.length) return 0;
			await db.claimAttachments.bulkAdd(records);
			const history: ClaimHistoryEntry[] = records.map((r) => ({
				at,
				by,
				field: 'attachment',
				from: null,
				to: r.name
			}));
			await db.claims.put({ ...claim, updatedAt: at, history: [...claim.history, ...history] });
			return records.length;
		});
		const skipped = prepared.length - added;
		notifySuccess(
			`${plural(added, 'pièce jointe ajoutée', 'pièces jointes ajoutées')}${skipped ? ` ; ${plural(skipped, 'fichier déjà joint ignoré', 'fichiers déjà joints ignorés')}` : ''}.`
		);
		return added;
	} catch (err) {
		handleError(err, 'Ajout de pièces jointes');
		return undefined;
	}
}

export async function removeAttachment(id: string): Promise<boolean> {
	try {
		const by = await author();
		const removed = await withWrite(TABLES, async () => {
			const attachment = await db.claimAttachments.get(id);
			if (!attachment) throw new PilotError('not-found', { what: 'La pièce jointe' });
			await db.claimAttachments.delete(id);
			const claim = await db.claims.get(attachment.claimId);
			if (claim) {
				const at = Date.now();
				const entry = { at, by, field: 'attachment', from: attachment.name, to: null };
				await db.claims.put({ ...claim, updatedAt: at, history: [...claim.history, entry] });
			}
			return attachment;
		});
		notifySuccess(`Pièce jointe « ${removed.name} » retirée.`, {
			label: 'Annuler',
			run: async () => {
				try {
					await withWrite(TABLES, () => db.claimAttachments.put(removed));
				} catch (err) {
					handleError(err, 'Annulation du retrait');
				}
			}
		});
		return true;
	} catch (err) {
		handleError(err, 'Retrait de la pièce jointe');
		return false;
	}
}
