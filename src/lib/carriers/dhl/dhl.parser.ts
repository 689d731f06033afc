/**
 * DHL Express billing CSV ("TD" export): one `S` line per billed shipment, a base rate and up to five
 * extra charges XC1–XC5. Columns are found by name (BOM, `;` and Windows-1252 are handled by the reader);
 * amounts are parsed as French or English numbers into cents.
 */
import { foundColumns, readTable, tableResult, type ColumnSpec } from '$lib/intake/columns';
import type { ParseContext, ParseResult } from '$lib/intake/parse.types';
import type { RawSheet } from '$lib/intake/read';
import { normaliseTracking } from '$lib/intake/tracking';
import { parseCents } from '$lib/intake/values';

export const XC_SLOTS = [1, 2, 3, 4, 5] as const;

export interface DhlCharge {
	code: string;
	name: string;
	chargeCents: number;
	taxCents: number;
	totalCents: number;
}

export interface DhlRow {
	/** Normalised shipment number (the matching key). */
	tracking: string;
	/** As written in the file, for the export. */
	shipmentNumber: string;
	date: string | null;
	invoice: string;
	product: string;
	sender: string;
	destName: string;
	destCountry: string;
	weightKg: number | null;
	currency: string;
	baseCents: number;
	baseTaxCents: number;
	/** XC1…XC5 in slot order; an empty slot has code '' and 0 amounts. */
	xc: DhlCharge[];
	xcTotalCents: number;
	xcTaxCents: number;
	totalHtCents: number;
	totalTaxCents: number;
	totalTtcCents: number;
	_line: number;
}

const xcColumns = (n: (typeof XC_SLOTS)[number]) =>
	[
		{ key: `xc${n}Code`, names: [`XC${n} Code`] },
		{ key: `xc${n}Name`, names: [`XC${n} Name`] },
		{ key: `xc${n}Charge`, names: [`XC${n} Charge`], type: 'cents' },
		{ key: `xc${n}Tax`, names: [`XC${n} Tax`], type: 'cents' },
		{ key: `xc${n}Total`, names: [`XC${n} Total`], type: 'cents' }
	] as const;

export const DHL_COLUMNS = [
	{ key: 'lineType', names: ['Line Type'], required: true, type: 'upper' },
	{ key: 'shipment', names: ['Shipment Number'], required: true },
	{ key: 'date', names: ['Shipment Date'], type: 'day', label: 'date' },
	{ key: 'invoice', names: ['Invoice Number'] },
	{ key: 'product', names: ['Product Name'] },
	{ key: 'sender', names: ['Senders Name'] },
	{ key: 'destName', names: ['Dest Name'] },
	{ key: 'destCountry', names: ['Dest Country Code'], type: 'upper' },
	{ key: 'weight', names: ['Weight (kg)', 'Weight'], type: 'number', label: 'poids' },
	{ key: 'currency', names: ['Currency'] },
	{ key: 'base', names: ['Weight Charge'], required: true, type: 'cents' },
	{ key: 'baseTax', names: ['Weight Tax (VAT)'], type: 'cents' },
	...XC_SLOTS.flatMap(xcColumns),
	{ key: 'xcTotal', names: ['Total Extra Charges (XC)'], type: 'cents' },
	{ key: 'xcTax', names: ['Total Extra Charges Tax'], type: 'cents' },
	{ key: 'totalHt', names: ['Total amount (excl. VAT)'], required: true, type: 'cents' },
	{ key: 'totalTax', names: ['Total Tax'], type: 'cents' },
	{ key: 'totalTtc', names: ['Total amount (incl. VAT)'], required: true, type: 'cents' }
] as const satisfies readonly ColumnSpec[];

export function parseDhl(sheets: RawSheet[], ctx: ParseContext): ParseResult {
	const sheet = sheets[0];
	const lineTypes: Record<string, number> = {};
	/** The invoice's own total: Σ of its `I` lines' total excl. VAT (one per invoice in the file). */
	let invoiceTotal: number | null = null;
	const { rows, errors, index } = readTable(sheet, DHL_COLUMNS, {
		fileName: ctx.fileName,
		onProgress: ctx.onProgress,
		message: (problems, l) =>
			`ligne ${l.line} (${l.cell('shipment') || 'sans numéro'}) : ${problems.join(', ')}`,
		row: (l): DhlRow | null => {
			const type = l.cell('lineType');
			lineTypes[type || '(vide)'] = (lineTypes[type || '(vide)'] ?? 0) + 1;
			if (type === 'I') {
				const cents = parseCents(l.at('totalHt'));
				if (cents !== null) invoiceTotal = (invoiceTotal ?? 0) + cents;
			}
			if (type !== 'S') return null;
			// A shipment line without its number is kept: NON ATTRIBUÉ, « tracking absent » (RULINGS 21).
			const tracking = normaliseTracking(l.at('shipment'));
			const weightKg = l.cell('weight');
			const date = l.cell('date');
			// Blank money is 0 (an empty XC slot); anything written must parse.
			return {
				tracking,
				shipmentNumber: l.cell('shipment'),
				date,
				invoice: l.cell('invoice'),
				product: l.cell('product'),
				sender: l.cell('sender'),
				destName: l.cell('destName'),
				destCountry: l.cell('destCountry'),
				weightKg,
				currency: l.cell('currency') || 'EUR',
				baseCents: l.cell('base') ?? 0,
				baseTaxCents: l.cell('baseTax') ?? 0,
				xc: XC_SLOTS.map((n) => ({
					code: l.cell(`xc${n}Code`),
					name: l.cell(`xc${n}Name`),
					chargeCents: l.cell(`xc${n}Charge`) ?? 0,
					taxCents: l.cell(`xc${n}Tax`) ?? 0,
					totalCents: l.cell(`xc${n}Total`) ?? 0
				})),
				xcTotalCents: l.cell('xcTotal') ?? 0,
				xcTaxCents: l.cell('xcTax') ?? 0,
				totalHtCents: l.cell('totalHt') ?? 0,
				totalTaxCents: l.cell('totalTax') ?? 0,
				totalTtcCents: l.cell('totalTtc') ?? 0,
				_line: l.line
			};
		}
	});

	const days = rows.map((r) => r.date);
	return {
		...tableResult(ctx.fileName, rows, errors, foundColumns(DHL_COLUMNS, index), days),
		period: null,
		meta: {
			lineTypes,
			invoices: [...new Set(rows.map((r) => r.invoice).filter(Boolean))],
			...(invoiceTotal === null ? {} : { fileTotal: { cents: invoiceTotal, label: 'ligne de facture I' } })
		}
	};
}
