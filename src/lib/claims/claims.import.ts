/**
 * Reading a claims workbook back: the legacy app's "Indemnisations_*.xlsx" export (sheet "Indemnisations",
 * its ten columns) or ours — the legacy spec's migration path for claims (§0.2). Pure.
 */
import { findHeader, requireSheet, type ColumnSpec } from '$lib/intake/columns';
import type { Cell, RawSheet } from '$lib/intake/read';
import { cellText, parseCents, parseDay } from '$lib/intake/values';
import { CLAIM_STATUSES, UNATTRIBUTED } from './claims.constants';
import { centsToInput, validateDraft, type ClaimDraft, type ClaimFields } from './claims.logic';
import type { ClaimStatus } from '$lib/db/records';

export const IMPORT_SHEET = 'Indemnisations';

const COLUMNS: ColumnSpec[] = [
	{ key: 'date', names: ['Date'], required: true },
	{ key: 'tracking', names: ['Tracking'], required: true },
	{ key: 'partner', names: ['Partenaire'] },
	{ key: 'originOrder', names: ['Num_Commande_Origine', 'N° Cmd Origine', 'Cmd Origine'] },
	{ key: 'partnerOrder', names: ['Num_Commande_Partenaire', 'N° Cmd Partenaire', 'Cmd Partenaire'] },
	{ key: 'carrier', names: ['Transporteur'], required: true },
	{ key: 'motif', names: ['Motif'] },
	{ key: 'amount', names: ['Montant', 'Montant (€)'], required: true },
	{ key: 'status', names: ['Statut'] },
	{ key: 'notes', names: ['Notes'] }
];

/** Values the legacy stored for "nothing" (pandas NaN written as text, its sentinel partner). */
const EMPTY = new Set(['nan', 'none', 'non trouvé', 'non trouve', 'non attribué', 'non attribue']);

function text(v: Cell | undefined): string {
	const t = cellText(v);
	return EMPTY.has(t.toLowerCase()) ? '' : t;
}

/** A date cell, whatever time zone the reader put it in: the nearest UTC midnight is the day meant. */
function day(v: Cell | undefined): string {
	if (v instanceof Date) return parseDay(new Date(Math.round(v.getTime() / 86_400_000) * 86_400_000)) ?? '';
	return (v === undefined ? null : parseDay(v)) ?? cellText(v);
}

export interface ImportResult {
	claims: ClaimFields[];
	errors: { line: number; message: string }[];
}

export function parseClaimsWorkbook(sheets: RawSheet[], fileName: string): ImportResult {
	const sheet = requireSheet(sheets, IMPORT_SHEET, fileName);
	const { headerRow, index } = findHeader(sheet, COLUMNS, fileName);
	const at = (row: Cell[], key: string): Cell | undefined => (key in index ? row[index[key]] : undefined);
	const claims: ClaimFields[] = [];
	const errors: ImportResult['errors'] = [];
	for (let r = headerRow + 1; r < sheet.rows.length; r++) {
		const row = sheet.rows[r] ?? [];
		if (row.every((c) => c === null || String(c).trim() === '')) continue;
		const amountCell = at(row, 'amount');
		const cents = typeof amountCell === 'number' ? parseCents(amountCell) : parseCents(text(amountCell));
		const status = text(at(row, 'status'));
		const draft: ClaimDraft = {
			date: day(at(row, 'date')),
			tracking: text(at(row, 'tracking')),
			partner: text(at(row, 'partner')) || UNATTRIBUTED,
			originOrder: text(at(row, 'originOrder')),
			partnerOrder: text(at(row, 'partnerOrder')),
			carrier: text(at(row, 'carrier')),
			motif: text(at(row, 'motif')) || 'Autre',
			amount: cents === null ? text(amountCell) : centsToInput(cents),
			status: (CLAIM_STATUSES as readonly string[]).includes(status) ? (status as ClaimStatus) : 'En attente',
			notes: text(at(row, 'notes')),
			shippingDate: '',
			incidentDate: '',
			filedDate: '',
			paidDate: ''
		};
		// The legacy let a claim be saved with "Autre" and no text (bug I-7): keep it, marked as such.
		if (draft.motif === 'Autre') draft.motif = 'Autre (non précisé)';
		const checked = validateDraft(draft);
		if (checked.ok) claims.push(checked.fields);
		else errors.push({ line: r + 1, message: Object.values(checked.errors).join(' ') });
	}
	return { claims, errors };
}

/** A claim already stored is recognised by its tracking, date, carrier and amount. */
export function claimKey(c: Pick<ClaimFields, 'tracking' | 'date' | 'carrier' | 'amountCents'>): string {
	return [c.tracking, c.date, c.carrier, c.amountCents].join('|');
}
