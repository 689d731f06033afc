/**
 * Every write of the claims module: validated, in one transaction under the app's write lock,
 * errors reported in French (handleError) and `undefined` returned on failure. Justificatifs are
 * in claims-attachments.service.ts, the workbook import in claims-import.service.ts.
 */
import { db } from '$lib/db/pilot-db';
import type { ClaimAttachmentRecord, ClaimRecord, ClaimStatus } from '$lib/db/records';
import { withWrite } from '$lib/db/write-lock';
import { PilotError } from '$lib/i18n/errors';
import { formatCents, formatDay, plural, todayIso } from '$lib/i18n/format';
import { resetModule } from '$lib/backup/reset.service';
import { noteSignificantChange, takeSafetySnapshot } from '$lib/backup/snapshots.service';
import { findByTracking } from '$lib/logisticiens/logisticiens.repository';
import type { ThreePLMatch } from '$lib/logisticiens/threepl.types';
import { getUserName, putSetting } from '$lib/settings/settings.repository';
import { handleError, notifySuccess } from '$lib/state/notifications.svelte';
import { UNATTRIBUTED } from './claims.constants';
import { DEADLINES_SETTING_KEY, validateDeadlines, type DeadlineSettings } from './claims.deadlines';
import {
	canTransition,
	diffHistory,
	TRANSITIONS,
	validateDraft,
	withStatusDates,
	type ClaimDraft,
	type ClaimFields
} from './claims.logic';

/** The claims module's tables: every write holds both (a claim and its justificatifs). */
export const TABLES = [db.claims, db.claimAttachments];

export async function author(): Promise<string> {
	return (await getUserName()) || 'Utilisateur non renseigné';
}

function checked(draft: ClaimDraft): ClaimFields {
	const result = validateDraft(draft);
	if (!result.ok) throw new PilotError('validation', { message: Object.values(result.errors).join(' ') });
	return result.fields;
}

function fieldsOf(c: ClaimRecord): ClaimFields {
	return {
		date: c.date,
		tracking: c.tracking,
		partner: c.partner,
		originOrder: c.originOrder,
		partnerOrder: c.partnerOrder,
		carrier: c.carrier,
		motif: c.motif,
		motifOther: c.motifOther,
		amountCents: c.amountCents,
		status: c.status,
		notes: c.notes,
		shippingDate: c.shippingDate,
		incidentDate: c.incidentDate,
		filedDate: c.filedDate,
		paidDate: c.paidDate
	};
}

export async function createClaim(draft: ClaimDraft): Promise<ClaimRecord | undefined> {
	try {
		const fields = withStatusDates(checked(draft), todayIso());
		const at = Date.now();
		const record: ClaimRecord = {
			id: crypto.randomUUID(),
			...fields,
			createdAt: at,
			updatedAt: at,
			history: [{ at, by: await author(), field: 'created', from: null, to: fields.status }],
			evidence: []
		};
		await withWrite([db.claims], () => db.claims.add(record));
		notifySuccess(`Indemnisation ${record.tracking} de ${formatCents(record.amountCents)} enregistrée.`);
		noteSignificantChange('Nouvelle indemnisation');
		return record;
	} catch (err) {
		handleError(err, "Enregistrement de l'indemnisation");
		return undefined;
	}
}

export async function updateClaim(id: string, draft: ClaimDraft): Promise<ClaimRecord | undefined> {
	try {
		const edited = checked(draft);
		const by = await author();
		const saved = await withWrite([db.claims], async () => {
			const before = await db.claims.get(id);
			if (!before) throw new PilotError('not-found', { what: "L'indemnisation" });
			if (!canTransition(before.status, edited.status))
				throw new PilotError('claim-status-step', {
					tracking: before.tracking,
					from: before.status,
					to: edited.status,
					allowed: TRANSITIONS[before.status].join(', ')
				});
			const fields = withStatusDates(edited, todayIso());
			const at = Date.now();
			const changes = diffHistory(fieldsOf(before), fields, by, at);
			if (!changes.length) return before;
			const after: ClaimRecord = {
				...before,
				...fields,
				updatedAt: at,
				history: [...before.history, ...changes]
			};
			await db.claims.put(after);
			return after;
		});
		notifySuccess(`Indemnisation ${saved.tracking} mise à jour.`);
		return saved;
	} catch (err) {
		handleError(err, "Modification de l'indemnisation");
		return undefined;
	}
}

/** Bulk status change; claims whose workflow forbids the step are left as they are and counted. */
export async function changeStatus(
	ids: string[],
	status: ClaimStatus
): Promise<{ changed: number; skipped: number } | undefined> {
	try {
		const by = await author();
		const result = await withWrite([db.claims], async () => {
			const claims = (await db.claims.bulkGet(ids)).filter((c): c is ClaimRecord => !!c);
			let skipped = 0;
			const updated: ClaimRecord[] = [];
			const at = Date.now();
			for (const c of claims) {
				if (c.status === status) continue;
				if (!canTransition(c.status, status)) {
					skipped++;
					continue;
				}
				const fields = withStatusDates({ ...fieldsOf(c), status }, todayIso());
				const changes = diffHistory(fieldsOf(c), fields, by, at);
				updated.push({ ...c, ...fields, updatedAt: at, history: [...c.history, ...changes] });
			}
			await db.claims.bulkPut(updated);
			return { changed: updated.length, skipped };
		});
		const skippedText = result.skipped
			? ` ; ${plural(result.skipped, 'ignorée', 'ignorées')} (étape du suivi impossible depuis leur statut)`
			: '';
		notifySuccess(
			`${plural(result.changed, 'indemnisation passée', 'indemnisations passées')} à « ${status} »${skippedText}.`
		);
		return result;
	} catch (err) {
		handleError(err, 'Changement de statut');
		return undefined;
	}
}

interface Deleted {
	claims: ClaimRecord[];
	attachments: ClaimAttachmentRecord[];
}

async function restoreDeleted(deleted: Deleted): Promise<void> {
	try {
		await withWrite(TABLES, async () => {
			await db.claims.bulkPut(deleted.claims);
			await db.claimAttachments.bulkPut(deleted.attachments);
		});
		notifySuccess(
			`Suppression annulée : ${plural(deleted.claims.length, 'indemnisation rétablie', 'indemnisations rétablies')}.`
		);
	} catch (err) {
		handleError(err, 'Annulation de la suppression');
	}
}

/**
 * Deletes claims with their attachments; the success message offers "Annuler", which puts them back.
 * Deleting several at once takes a safety snapshot first, like every write that removes data in bulk.
 */
export async function deleteClaims(ids: string[]): Promise<number | undefined> {
	try {
		if (ids.length > 1) await takeSafetySnapshot(`Avant suppression de ${ids.length} indemnisations`);
		const deleted = await withWrite(TABLES, async () => {
			const claims = (await db.claims.bulkGet(ids)).filter((c): c is ClaimRecord => !!c);
			const attachments = await db.claimAttachments.where('claimId').anyOf(ids).toArray();
			await db.claimAttachments.bulkDelete(attachments.map((a) => a.id));
			await db.claims.bulkDelete(claims.map((c) => c.id));
			return { claims, attachments };
		});
		const what =
			deleted.claims.length === 1
				? `Indemnisation ${deleted.claims[0].tracking} supprimée`
				: `${plural(deleted.claims.length, 'indemnisation supprimée', 'indemnisations supprimées')}`;
		const extra = deleted.attachments.length
			? ` (avec ${plural(deleted.attachments.length, 'pièce jointe', 'pièces jointes')})`
			: '';
		notifySuccess(`${what}${extra}.`, { label: 'Annuler', run: () => restoreDeleted(deleted) });
		noteSignificantChange('Indemnisations supprimées');
		return deleted.claims.length;
	} catch (err) {
		handleError(err, 'Suppression');
		return undefined;
	}
}

/** Ticks or unticks an item of the motif's evidence checklist. */
export async function setEvidence(claimId: string, item: string, done: boolean): Promise<boolean> {
	try {
		const by = await author();
		await withWrite([db.claims], async () => {
			const claim = await db.claims.get(claimId);
			if (!claim) throw new PilotError('not-found', { what: "L'indemnisation" });
			const evidence = new Set(claim.evidence ?? []);
			if (done === evidence.has(item)) return;
			if (done) evidence.add(item);
			else evidence.delete(item);
			const at = Date.now();
			const entry = { at, by, field: 'evidence', from: done ? null : item, to: done ? item : null };
			await db.claims.put({
				...claim,
				evidence: [...evidence],
				updatedAt: at,
				history: [...claim.history, entry]
			});
		});
		return true;
	} catch (err) {
		handleError(err, 'Liste des justificatifs');
		return false;
	}
}

export async function saveDeadlines(settings: DeadlineSettings): Promise<boolean> {
	try {
		const errors = validateDeadlines(settings);
		if (errors.length) throw new PilotError('validation', { message: errors.join(' ') });
		// putSetting takes the app's write lock itself.
		await putSetting(DEADLINES_SETTING_KEY, JSON.parse(JSON.stringify(settings)));
		notifySuccess('Délais de réclamation enregistrés.');
		return true;
	} catch (err) {
		handleError(err, 'Enregistrement des délais de réclamation');
		return false;
	}
}

/** Empties the module (claims and attachments) after a safety snapshot; "Annuler" restores it. */
export async function resetClaims(): Promise<boolean> {
	return resetModule('indemnisations');
}

/**
 * Looks the "NON ATTRIBUÉ" claims up again in the 3PL files (after a new file was imported) and fills
 * their partner, order numbers and shipping date where found, without overwriting anything typed.
 */
export async function rematchUnattributed(): Promise<{ updated: number; still: number } | undefined> {
	try {
		const candidates = (await db.claims.toArray()).filter((c) => !c.partner || c.partner === UNATTRIBUTED);
		const found = new Map<string, ThreePLMatch>();
		for (const c of candidates) {
			const match = await findByTracking(c.tracking);
			if (match?.partner) found.set(c.id, match);
		}
		const by = await author();
		const updated = await withWrite([db.claims], async () => {
			let n = 0;
			const at = Date.now();
			for (const [id, m] of found) {
				const c = await db.claims.get(id);
				if (!c || (c.partner && c.partner !== UNATTRIBUTED)) continue;
				const fields: ClaimFields = {
					...fieldsOf(c),
					partner: m.partner,
					originOrder: c.originOrder || m.originOrder,
					partnerOrder: c.partnerOrder || m.partnerOrder,
					shippingDate: c.shippingDate ?? m.shipDate
				};
				const changes = diffHistory(fieldsOf(c), fields, by, at);
				await db.claims.put({ ...c, ...fields, updatedAt: at, history: [...c.history, ...changes] });
				n++;
			}
			return n;
		});
		const still = candidates.length - updated;
		notifySuccess(
			`Re-matching : ${plural(updated, 'indemnisation mise à jour', 'indemnisations mises à jour')}${still ? ` ; ${still} toujours « ${UNATTRIBUTED} »` : ''}.`
		);
		return { updated, still };
	} catch (err) {
		handleError(err, 'Re-matching des indemnisations');
		return undefined;
	}
}

/** Records that the carrier was chased today: the claim leaves "à relancer" for another follow-up period. */
export async function recordFollowUp(id: string): Promise<boolean> {
	try {
		const by = await author();
		const claim = await withWrite([db.claims], async () => {
			const c = await db.claims.get(id);
			if (!c) throw new PilotError('not-found', { what: "L'indemnisation" });
			const at = Date.now();
			const entry = { at, by, field: 'followUp', from: null, to: todayIso() };
			await db.claims.put({ ...c, updatedAt: at, history: [...c.history, entry] });
			return c;
		});
		notifySuccess(`Relance de l'indemnisation ${claim.tracking} notée au ${formatDay(todayIso())}.`);
		return true;
	} catch (err) {
		handleError(err, 'Relance');
		return false;
	}
}
