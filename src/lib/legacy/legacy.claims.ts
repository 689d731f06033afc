/**
 * The old app's claims (`indemnisations_data.pkl` → `{df}`: Date, Tracking, Partenaire,
 * Num_Commande_Origine, Num_Commande_Partenaire, Transporteur, Motif, Montant, Statut, Notes) as
 * Pilot claims, through the same validation as a typed claim. Pure.
 */
import type { ClaimRecord, ClaimStatus } from '$lib/db/records';
import { UNATTRIBUTED } from '$lib/claims/claims.constants';
import { centsToInput, motifText, validateDraft, withStatusDates } from '$lib/claims/claims.logic';
import { parseDay } from '$lib/intake/values';
import { dataFrameRecords, type LegacyDataFrame } from './pickle';
import { numberOf, text } from './legacy.values';

/** The history entry every imported claim starts with. */
export const LEGACY_HISTORY_FIELD = 'legacyImport';

/** The old app's statuses → ours (RULINGS 11: its "En attente" is a claim filed, awaiting the carrier). */
const STATUSES: Record<string, ClaimStatus> = {
	'En attente': 'En attente',
	Reçue: 'Reçue',
	Refusée: 'Refusée'
};

/** What the old app wrote for "nothing": its sentinel partner and pandas' NaN as text. */
const NOTHING = new Set(['nan', 'none', 'non trouvé', 'non trouve']);

function value(v: unknown): string {
	const t = text(v);
	return NOTHING.has(t.toLowerCase()) ? '' : t;
}

export interface RefusedRow {
	/** Row of the old table, from 1. */
	row: number;
	tracking: string;
	message: string;
}

export interface MappedClaims {
	claims: ClaimRecord[];
	refused: RefusedRow[];
}

export interface ClaimContext {
	now: number;
	by: string;
	/** The backup's file name, in the history entry. */
	source: string;
}

/** Every row of the old table as a claim, or refused with why (never dropped silently). */
export function mapClaims(frame: LegacyDataFrame, ctx: ClaimContext): MappedClaims {
	const claims: ClaimRecord[] = [];
	const refused: RefusedRow[] = [];
	dataFrameRecords(frame).forEach((r, i) => {
		const amount = numberOf(r.Montant);
		const legacyStatus = text(r.Statut);
		let motif = value(r.Motif) || 'Autre';
		// The old app let a claim be saved with "Autre" and no text (bug I-7): kept, marked as such.
		if (motif === 'Autre') motif = 'Autre (non précisé)';
		const date = text(r.Date);
		const checked = validateDraft({
			date: parseDay(date) ?? date,
			tracking: text(r.Tracking),
			partner: value(r.Partenaire) || UNATTRIBUTED,
			originOrder: value(r.Num_Commande_Origine),
			partnerOrder: value(r.Num_Commande_Partenaire),
			carrier: value(r.Transporteur),
			motif,
			amount: amount === null ? text(r.Montant) : centsToInput(Math.round(amount * 100)),
			status: STATUSES[legacyStatus] ?? 'En attente',
			notes: text(r.Notes),
			shippingDate: '',
			incidentDate: '',
			filedDate: '',
			paidDate: ''
		});
		if (!checked.ok) {
			refused.push({
				row: i + 1,
				tracking: text(r.Tracking),
				message: Object.values(checked.errors).join(' ')
			});
			return;
		}
		const fields = checked.fields;
		if (!STATUSES[legacyStatus] && legacyStatus)
			fields.notes = [fields.notes, `Statut dans l'ancienne application : ${legacyStatus}`]
				.filter(Boolean)
				.join('\n');
		// Rows keep their order: each is created a millisecond after the one above it.
		const at = ctx.now + i;
		claims.push({
			id: crypto.randomUUID(),
			// The old Date is when the claim was filed, or paid for a "Reçue" (its help text).
			...withStatusDates(fields, fields.date),
			createdAt: at,
			updatedAt: at,
			history: [
				{ at, by: ctx.by, field: LEGACY_HISTORY_FIELD, from: ctx.source, to: legacyStatus || fields.status }
			],
			evidence: []
		});
	});
	return { claims, refused };
}

/** A merge skips a claim already present with the same tracking, motif and date. */
export function claimMergeKey(c: Pick<ClaimRecord, 'tracking' | 'motif' | 'motifOther' | 'date'>): string {
	return [c.tracking, motifText(c).toLowerCase(), c.date].join('\u001f');
}

/** The claims of `incoming` that `existing` does not hold yet (two alike in the old app both come). */
export function claimsToMerge(
	existing: readonly ClaimRecord[],
	incoming: readonly ClaimRecord[]
): ClaimRecord[] {
	const known = new Set(existing.map(claimMergeKey));
	return incoming.filter((c) => !known.has(claimMergeKey(c)));
}
