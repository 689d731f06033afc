/**
 * Opening the claim form pre-filled from another module (a carrier's anomaly, a lost parcel):
 * `openClaimFromAnomaly({ tracking, carrier, partner?, amountCents?, motif?, notes? })`.
 * The data travels in the URL (/indemnisations?tab=ajouter&tracking=…), so a link works as well as a call.
 */
import { centsToInput, isRealDay, type ClaimDraft } from './claims.logic';

export interface ClaimPrefill {
	tracking: string;
	carrier: string;
	partner?: string;
	amountCents?: number;
	motif?: string;
	notes?: string;
	/** ISO day, when the caller knows it (e.g. the invoice line's date). */
	shippingDate?: string;
}

export const CLAIMS_PATH = '/indemnisations';

export function prefillHref(prefill: ClaimPrefill): string {
	const q = new URLSearchParams({ tab: 'ajouter', tracking: prefill.tracking, carrier: prefill.carrier });
	if (prefill.partner) q.set('partner', prefill.partner);
	if (prefill.amountCents !== undefined && Number.isInteger(prefill.amountCents) && prefill.amountCents > 0)
		q.set('amountCents', String(prefill.amountCents));
	if (prefill.motif) q.set('motif', prefill.motif);
	if (prefill.notes) q.set('notes', prefill.notes);
	if (prefill.shippingDate) q.set('shippingDate', prefill.shippingDate);
	return `${CLAIMS_PATH}?${q}`;
}

/** The draft fields a URL carries, or null when it carries none. Unknown or malformed values are ignored. */
export function readPrefill(params: URLSearchParams): Partial<ClaimDraft> | null {
	const out: Partial<ClaimDraft> = {};
	const text = (key: string, max = 500) => params.get(key)?.trim().slice(0, max) ?? '';
	if (text('tracking', 60)) out.tracking = text('tracking', 60);
	if (text('carrier', 60)) out.carrier = text('carrier', 60);
	if (text('partner', 120)) out.partner = text('partner', 120);
	if (text('motif', 120)) out.motif = text('motif', 120);
	if (text('notes', 2000)) out.notes = text('notes', 2000);
	const cents = Number(text('amountCents'));
	if (Number.isInteger(cents) && cents > 0) out.amount = centsToInput(cents);
	if (isRealDay(text('shippingDate'))) out.shippingDate = text('shippingDate');
	return Object.keys(out).length ? out : null;
}

/** Called by any module: goes to the Indemnisations "Ajouter" tab with the form filled, ready to check and save. */
export async function openClaimFromAnomaly(prefill: ClaimPrefill): Promise<void> {
	const { goto } = await import('$app/navigation');
	await goto(prefillHref(prefill));
}
