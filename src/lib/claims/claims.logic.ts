/** Pure claim rules: drafts and validation, status workflow, history. Plain data in and out (lists: claims.list.ts). */
import type { ClaimHistoryEntry, ClaimRecord, ClaimStatus } from '$lib/db/records';
import { parseCents } from '$lib/intake/values';
import { normaliseTracking } from '$lib/intake/tracking';
import {
	CARRIERS,
	CLAIM_STATUSES,
	MOTIFS,
	MOTIF_OTHER,
	UNATTRIBUTED,
	type LegacyStatus
} from './claims.constants';

/** What the form holds: text as typed, validated into ClaimFields. */
export interface ClaimDraft {
	date: string;
	tracking: string;
	partner: string;
	originOrder: string;
	partnerOrder: string;
	carrier: string;
	/** The motif as displayed: a known motif, or the free text of an "Autre". */
	motif: string;
	amount: string;
	status: ClaimStatus;
	notes: string;
	shippingDate: string;
	incidentDate: string;
	filedDate: string;
	paidDate: string;
}

export type ClaimFields = Omit<ClaimRecord, 'id' | 'createdAt' | 'updatedAt' | 'history' | 'evidence'>;
export type DraftErrors = Partial<Record<keyof ClaimDraft, string>>;

export function emptyDraft(today: string): ClaimDraft {
	return {
		date: today,
		tracking: '',
		partner: '',
		originOrder: '',
		partnerOrder: '',
		carrier: '',
		motif: '',
		amount: '',
		status: 'En attente',
		notes: '',
		shippingDate: '',
		incidentDate: '',
		filedDate: '',
		paidDate: ''
	};
}

export function draftOf(claim: ClaimRecord): ClaimDraft {
	return {
		date: claim.date,
		tracking: claim.tracking,
		partner: claim.partner,
		originOrder: claim.originOrder,
		partnerOrder: claim.partnerOrder,
		carrier: claim.carrier,
		motif: motifText(claim),
		amount: centsToInput(claim.amountCents),
		status: claim.status,
		notes: claim.notes,
		shippingDate: claim.shippingDate ?? '',
		incidentDate: claim.incidentDate ?? '',
		filedDate: claim.filedDate ?? '',
		paidDate: claim.paidDate ?? ''
	};
}

/** 1050 → "10,50": the amount as the form shows it back. */
export function centsToInput(cents: number): string {
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs(cents);
	return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** A calendar day that exists: "2026-02-30" is not one. */
export function isRealDay(iso: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	if (!m) return false;
	const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
	return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** For comparing what people type: accents, case and surrounding spaces aside. */
export function fold(s: string): string {
	return s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.trim();
}

/** A typed motif → a known motif, or "Autre" keeping the text (legacy "Précisez le motif"). */
export function splitMotif(text: string): { motif: string; motifOther: string } {
	const typed = text.replace(/\s+/g, ' ').trim();
	const known = MOTIFS.find((m) => fold(m) === fold(typed));
	if (known) return { motif: known, motifOther: '' };
	return { motif: MOTIF_OTHER, motifOther: typed };
}

export function motifText(claim: Pick<ClaimRecord, 'motif' | 'motifOther'>): string {
	return claim.motif === MOTIF_OTHER && claim.motifOther ? claim.motifOther : claim.motif;
}

/** "dpd" → "DPD"; an unknown carrier keeps its spelling. */
export function canonicalCarrier(text: string): string {
	const typed = text.replace(/\s+/g, ' ').trim();
	return CARRIERS.find((c) => fold(c) === fold(typed)) ?? typed;
}

function optionalDay(
	value: string,
	label: string,
	key: keyof ClaimDraft,
	errors: DraftErrors
): string | null {
	const v = value.trim();
	if (!v) return null;
	if (!isRealDay(v)) errors[key] = `${label} : « ${v} » n'est pas une date réelle.`;
	return v;
}

/** Checks a draft; French messages per field, or the fields to store. */
export function validateDraft(
	draft: ClaimDraft
): { ok: true; fields: ClaimFields } | { ok: false; errors: DraftErrors } {
	const errors: DraftErrors = {};
	const date = draft.date.trim();
	if (!date) errors.date = "Saisissez la date de l'indemnisation.";
	else if (!isRealDay(date)) errors.date = `La date « ${date} » n'est pas une date réelle.`;
	const tracking = normaliseTracking(draft.tracking);
	if (!tracking) errors.tracking = 'Saisissez le numéro de tracking du colis.';
	const carrier = canonicalCarrier(draft.carrier);
	if (!carrier || fold(carrier) === fold(MOTIF_OTHER))
		errors.carrier = 'Choisissez le transporteur dans la liste ou saisissez son nom.';
	const { motif, motifOther } = splitMotif(draft.motif);
	if (!motifOther && motif === MOTIF_OTHER) errors.motif = 'Précisez le motif (texte libre accepté).';
	else if (!motif && !motifOther) errors.motif = 'Choisissez le motif dans la liste ou saisissez-le.';
	const amountText = draft.amount.trim();
	const amountCents = amountText ? parseCents(amountText) : null;
	if (!amountText) errors.amount = 'Saisissez le montant réclamé (par exemple 10,00).';
	else if (amountCents === null)
		errors.amount = `Le montant « ${amountText} » n'est pas un nombre : écrivez par exemple 10,00.`;
	else if (amountCents <= 0) errors.amount = 'Le montant doit être supérieur à 0.';
	if (!CLAIM_STATUSES.includes(draft.status)) errors.status = 'Choisissez un statut de la liste.';
	const shippingDate = optionalDay(draft.shippingDate, "Date d'expédition", 'shippingDate', errors);
	const incidentDate = optionalDay(draft.incidentDate, "Date de l'incident", 'incidentDate', errors);
	const filedDate = optionalDay(draft.filedDate, 'Date de dépôt', 'filedDate', errors);
	const paidDate = optionalDay(draft.paidDate, 'Date de paiement', 'paidDate', errors);
	if (Object.keys(errors).length) return { ok: false, errors };
	return {
		ok: true,
		fields: {
			date,
			tracking,
			partner: draft.partner.replace(/\s+/g, ' ').trim() || UNATTRIBUTED,
			originOrder: draft.originOrder.trim(),
			partnerOrder: draft.partnerOrder.trim(),
			carrier,
			motif,
			motifOther,
			amountCents: amountCents as number,
			status: draft.status,
			notes: draft.notes.trim(),
			shippingDate,
			incidentDate,
			filedDate,
			paidDate
		}
	};
}

/**
 * The workflow of RULINGS 11. Backward steps exist to correct a mistake (a payment that did not arrive,
 * a claim re-filed after a refusal); a claim cannot be paid or refused before it was filed.
 */
export const TRANSITIONS: Record<ClaimStatus, readonly ClaimStatus[]> = {
	'À constituer': ['En attente'],
	'En attente': ['À constituer', 'Acceptée', 'Reçue', 'Refusée'],
	Acceptée: ['En attente', 'Reçue', 'Refusée'],
	Reçue: ['Acceptée'],
	Refusée: ['En attente']
};

export function canTransition(from: ClaimStatus, to: ClaimStatus): boolean {
	return from === to || TRANSITIONS[from].includes(to);
}

/** Statuses offered for a claim: its own, then where it may go. */
export function nextStatuses(from: ClaimStatus): ClaimStatus[] {
	return [from, ...TRANSITIONS[from]];
}

/** The dates a status implies (RULINGS 12): filed once past "À constituer", paid when "Reçue". */
export function withStatusDates<T extends Pick<ClaimRecord, 'status' | 'filedDate' | 'paidDate'>>(
	fields: T,
	today: string
): T {
	const out = { ...fields };
	if (out.status !== 'À constituer' && !out.filedDate) out.filedDate = today;
	if (out.status === 'Reçue' && !out.paidDate) out.paidDate = today;
	if (out.status !== 'Reçue') out.paidDate = null;
	return out;
}

/** Fields whose changes the history records, with their French names. */
export const FIELD_LABELS: Record<string, string> = {
	date: 'Date',
	tracking: 'Tracking',
	partner: 'Partenaire',
	originOrder: 'N° commande origine',
	partnerOrder: 'N° commande partenaire',
	carrier: 'Transporteur',
	motif: 'Motif',
	motifOther: 'Motif (précision)',
	amountCents: 'Montant',
	status: 'Statut',
	notes: 'Notes',
	shippingDate: "Date d'expédition",
	incidentDate: "Date de l'incident",
	filedDate: 'Date de dépôt',
	paidDate: 'Date de paiement',
	created: 'Création',
	attachment: 'Pièce jointe',
	evidence: 'Justificatif',
	followUp: 'Relance',
	legacyImport: "Import de l'ancienne application",
	conflict: 'Conflit de synchronisation'
};

export function diffHistory(
	before: ClaimFields,
	after: ClaimFields,
	by: string,
	at: number
): ClaimHistoryEntry[] {
	const entries: ClaimHistoryEntry[] = [];
	for (const key of Object.keys(after) as (keyof ClaimFields)[]) {
		if (before[key] !== after[key]) entries.push({ at, by, field: key, from: before[key], to: after[key] });
	}
	return entries;
}

export function legacyStatus(status: ClaimStatus): LegacyStatus {
	return status === 'Reçue' || status === 'Refusée' ? status : 'En attente';
}

export function isOpen(status: ClaimStatus): boolean {
	return legacyStatus(status) === 'En attente';
}

/** The statuses a claim is over at (the others are "en attente"), for counting on the status index. */
export const CLOSED_STATUSES: readonly ClaimStatus[] = CLAIM_STATUSES.filter((s) => !isOpen(s));

/** The home tile: "12 indemnisations en attente", from the claims' count and the open ones'. */
export function tileSummary({ total, open }: { total: number; open: number }): string {
	if (total === 0) return 'Aucune indemnisation';
	const fmt = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;
	if (open === 0) return `${fmt(total, 'indemnisation', 'indemnisations')} · aucune en attente`;
	return `${fmt(open, 'indemnisation', 'indemnisations')} en attente`;
}
