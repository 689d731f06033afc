/** Filling a claim from the 3PL row of its tracking (legacy §1.5, fixed by I-1: carrier and dates too). Pure. */
import type { ThreePLMatch } from '$lib/logisticiens/threepl.types';
import { canonicalCarrier, type ClaimDraft } from './claims.logic';

export const AUTOFILL_FIELDS = ['partner', 'originOrder', 'partnerOrder', 'carrier', 'shippingDate'] as const;
export type AutofillField = (typeof AUTOFILL_FIELDS)[number];

export type ThreePLFacts = Pick<
	ThreePLMatch,
	'partner' | 'originOrder' | 'partnerOrder' | 'carrier' | 'shipDate'
>;

function valueOf(match: ThreePLFacts, field: AutofillField): string {
	switch (field) {
		case 'partner':
			return match.partner;
		case 'originOrder':
			return match.originOrder;
		case 'partnerOrder':
			return match.partnerOrder;
		case 'carrier':
			return match.carrier ? canonicalCarrier(match.carrier) : '';
		case 'shippingDate':
			return match.shipDate ?? '';
	}
}

/**
 * The draft with the 3PL facts written into every field the user has not typed in himself
 * (`touched`); returns which fields changed, so the form can say what came from the file.
 */
export function autofill(
	draft: ClaimDraft,
	match: ThreePLFacts,
	touched: ReadonlySet<string>
): { draft: ClaimDraft; filled: AutofillField[] } {
	const next = { ...draft };
	const filled: AutofillField[] = [];
	for (const field of AUTOFILL_FIELDS) {
		const value = valueOf(match, field);
		if (!value || touched.has(field) || next[field] === value) continue;
		next[field] = value;
		filled.push(field);
	}
	return { draft: next, filled };
}

/** When the tracking changes to one the 3PL files do not know, auto-filled values must not linger. */
export function clearAutofilled(draft: ClaimDraft, filled: readonly AutofillField[]): ClaimDraft {
	const next = { ...draft };
	for (const field of filled) next[field] = '';
	return next;
}
