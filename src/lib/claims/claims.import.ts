/**
 * Reading a claims workbook back: the legacy app's "Indemnisations_*.xlsx" export (sheet "Indemnisations",
 * its ten columns) or ours — the legacy spec's migration path for claims (§0.2). Pure.
 */
import { readTable, requireSheet, type ColumnSpec } from '$lib/intake/columns';
import type { Cell, RawSheet } from '$lib/intake/read';
import { cellText, parseCents, parseDay } from '$lib/intake/values';
import { CLAIM_STATUSES, UNATTRIBUTED } from './claims.constants';
import { centsToInput, validateDraft, type ClaimDraft, type ClaimFields } from './claims.logic';
import type { ClaimStatus } from '$lib/db/records';

export const IMPORT_SHEET = 'Indemnisations';

const COLUMNS = [
	{ key: 'date', names: ['Date'], required: true, type: 'raw' },
	{ key: 'tracking', names: ['Tracking'], required: true },
	{ key: 'partner', names: ['Partenaire'] },
	{ key: 'originOrder', names: ['Num_Commande_Origine', 'N° Cmd Origine', 'Cmd Origine'] },
	{ key: 'partnerOrder', names: ['Num_Commande_Partenaire', 'N° Cmd Partenaire', 'Cmd Partenaire'] },
	{ key: 'carrier', names: ['Transporteur'], required: true },
	{ key: 'motif', names: ['Motif'] },
	{ key: 'amount', names: ['Montant', 'Montant (€)'], required: true, type: 'raw' },
	{ key: 'status', names: ['Statut'] },
	{ key: 'notes', names: ['Notes'] }
] as const satisfies readonly ColumnSpec[];
type TextKey = Exclude<(typeof COLUMNS)[number]['key'], 'date' | 'amount'>;

/** Values the legacy stored for "nothing" (pandas NaN written as text, its sentinel partner). */
const EMPTY = new Set(['nan', 'none', 'non trouvé', 'non trouve', 'non attribué', 'non attribue']);

function known(text: string): string {
	return EMPTY.has(text.toLowerCase()) ? '' : text;
}

/** A date cell, whatever time zone the reader put it in: the nearest UTC midnight is the day meant. */
function day(v: Cell): string {
	if (v instanceof Date) return parseDay(new Date(Math.round(v.getTime() / 86_400_000) * 86_400_000)) ?? '';
	return parseDay(v) ?? cellText(v);
}

export interface ImportResult {
	claims: ClaimFields[];
	errors: { line: number; message: string }[];
}

export function parseClaimsWorkbook(sheets: RawSheet[], fileName: string): ImportResult {
	const sheet = requireSheet(sheets, IMPORT_SHEET, fileName);
	const { rows, errors } = readTable(sheet, COLUMNS, {
		fileName,
		row: (l) => {
			const text = (key: TextKey) => known(l.cell(key));
			const amountCell = l.at('amount');
			const amount = known(cellText(amountCell));
			const cents = typeof amountCell === 'number' ? parseCents(amountCell) : parseCents(amount);
			const status = text('status');
			const draft: ClaimDraft = {
				date: day(l.at('date')),
				tracking: text('tracking'),
				partner: text('partner') || UNATTRIBUTED,
				originOrder: text('originOrder'),
				partnerOrder: text('partnerOrder'),
				carrier: text('carrier'),
				motif: text('motif') || 'Autre',
				amount: cents === null ? amount : centsToInput(cents),
				status: (CLAIM_STATUSES as readonly string[]).includes(status)
					? (status as ClaimStatus)
					: 'En attente',
				notes: text('notes'),
				shippingDate: '',
				incidentDate: '',
				filedDate: '',
				paidDate: ''
			};
			// The legacy let a claim be saved with "Autre" and no text (bug I-7): keep it, marked as such.
			if (draft.motif === 'Autre') draft.motif = 'Autre (non précisé)';
			const checked = validateDraft(draft);
			if (checked.ok) return checked.fields;
			l.problems.push(Object.values(checked.errors).join(' '));
			return null;
		}
	});
	return { claims: rows, errors };
}

/** A claim already stored is recognised by its tracking, date, carrier and amount. */
export function claimKey(c: Pick<ClaimFields, 'tracking' | 'date' | 'carrier' | 'amountCents'>): string {
	return [c.tracking, c.date, c.carrier, c.amountCents].join('|');
}
