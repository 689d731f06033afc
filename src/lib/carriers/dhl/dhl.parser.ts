/**
 * DHL Express billing CSV ("TD" export): one `S` line per billed shipment, a base rate and up to five
 * extra charges XC1–XC5. Columns are found by name (BOM, `;` and Windows-1252 are handled by the reader);
 * amounts are parsed as French or English numbers into cents.
 */
import { findHeader, type ColumnSpec } from '$lib/intake/columns';
import { PilotError } from '$lib/i18n/errors';
import type { ParseContext, ParseResult } from '$lib/intake/parse.types';
import type { Cell, RawSheet } from '$lib/intake/read';
import { normaliseTracking } from '$lib/intake/tracking';
import { cellText, isBlank, parseCents, parseDay, parseNumber } from '$lib/intake/values';

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

const xcColumns = (n: number): ColumnSpec[] => [
	{ key: `xc${n}Code`, names: [`XC${n} Code`] },
	{ key: `xc${n}Name`, names: [`XC${n} Name`] },
	{ key: `xc${n}Charge`, names: [`XC${n} Charge`] },
	{ key: `xc${n}Tax`, names: [`XC${n} Tax`] },
	{ key: `xc${n}Total`, names: [`XC${n} Total`] }
];

export const DHL_COLUMNS: ColumnSpec[] = [
	{ key: 'lineType', names: ['Line Type'], required: true },
	{ key: 'shipment', names: ['Shipment Number'], required: true },
	{ key: 'date', names: ['Shipment Date'] },
	{ key: 'invoice', names: ['Invoice Number'] },
	{ key: 'product', names: ['Product Name'] },
	{ key: 'sender', names: ['Senders Name'] },
	{ key: 'destName', names: ['Dest Name'] },
	{ key: 'destCountry', names: ['Dest Country Code'] },
	{ key: 'weight', names: ['Weight (kg)', 'Weight'] },
	{ key: 'currency', names: ['Currency'] },
	{ key: 'base', names: ['Weight Charge'], required: true },
	{ key: 'baseTax', names: ['Weight Tax (VAT)'] },
	...XC_SLOTS.flatMap(xcColumns),
	{ key: 'xcTotal', names: ['Total Extra Charges (XC)'] },
	{ key: 'xcTax', names: ['Total Extra Charges Tax'] },
	{ key: 'totalHt', names: ['Total amount (excl. VAT)'], required: true },
	{ key: 'totalTax', names: ['Total Tax'] },
	{ key: 'totalTtc', names: ['Total amount (incl. VAT)'], required: true }
];

export function parseDhl(sheets: RawSheet[], ctx: ParseContext): ParseResult {
	const sheet = sheets[0];
	const { headerRow, index } = findHeader(sheet, DHL_COLUMNS, ctx.fileName);
	const rows: DhlRow[] = [];
	const errors: ParseResult['errors'] = [];
	const lineTypes: Record<string, number> = {};
	/** The invoice's own total: Σ of its `I` lines' total excl. VAT (one per invoice in the file). */
	let invoiceTotal: number | null = null;

	for (let r = headerRow + 1; r < sheet.rows.length; r++) {
		const row = sheet.rows[r] ?? [];
		const line = r + 1;
		if (row.every(isBlank)) continue;
		const at = (key: string): Cell => (key in index ? (row[index[key]] ?? null) : null);
		const text = (key: string) => cellText(at(key));
		const type = text('lineType').toUpperCase();
		lineTypes[type || '(vide)'] = (lineTypes[type || '(vide)'] ?? 0) + 1;
		if (type === 'I') {
			const cents = parseCents(at('totalHt'));
			if (cents !== null) invoiceTotal = (invoiceTotal ?? 0) + cents;
		}
		if (type !== 'S') continue;

		const problems: string[] = [];
		/** Blank is 0 (an empty XC slot); anything written must parse. */
		const cents = (key: string, label: string): number => {
			const v = at(key);
			if (isBlank(v)) return 0;
			const c = parseCents(v);
			if (c === null) problems.push(`${label} illisible « ${cellText(v)} »`);
			return c ?? 0;
		};
		// A shipment line without its number is kept: NON ATTRIBUÉ, « tracking absent » (RULINGS 21).
		const tracking = normaliseTracking(at('shipment'));
		const rawWeight = at('weight');
		const weightKg = parseNumber(rawWeight);
		if (weightKg === null && !isBlank(rawWeight)) problems.push(`poids illisible « ${cellText(rawWeight)} »`);
		const rawDate = at('date');
		const date = parseDay(rawDate);
		if (!date && !isBlank(rawDate)) problems.push(`date illisible « ${cellText(rawDate)} »`);

		const parsed: DhlRow = {
			tracking,
			shipmentNumber: text('shipment'),
			date,
			invoice: text('invoice'),
			product: text('product'),
			sender: text('sender'),
			destName: text('destName'),
			destCountry: text('destCountry').toUpperCase(),
			weightKg,
			currency: text('currency') || 'EUR',
			baseCents: cents('base', 'Weight Charge'),
			baseTaxCents: cents('baseTax', 'Weight Tax (VAT)'),
			xc: XC_SLOTS.map((n) => ({
				code: text(`xc${n}Code`),
				name: text(`xc${n}Name`),
				chargeCents: cents(`xc${n}Charge`, `XC${n} Charge`),
				taxCents: cents(`xc${n}Tax`, `XC${n} Tax`),
				totalCents: cents(`xc${n}Total`, `XC${n} Total`)
			})),
			xcTotalCents: cents('xcTotal', 'Total Extra Charges (XC)'),
			xcTaxCents: cents('xcTax', 'Total Extra Charges Tax'),
			totalHtCents: cents('totalHt', 'Total amount (excl. VAT)'),
			totalTaxCents: cents('totalTax', 'Total Tax'),
			totalTtcCents: cents('totalTtc', 'Total amount (incl. VAT)'),
			_line: line
		};
		if (problems.length)
			errors.push({
				line,
				message: `ligne ${line} (${parsed.shipmentNumber || 'sans numéro'}) : ${problems.join(', ')}`
			});
		else rows.push(parsed);
	}

	if (!rows.length && !errors.length) throw new PilotError('empty-file', { file: ctx.fileName });
	const days = rows.flatMap((r) => (r.date ? [r.date] : [])).sort();
	return {
		rows: rows as unknown as Record<string, unknown>[],
		errors,
		columns: DHL_COLUMNS.filter((c) => c.key in index).map((c) => c.names[0]),
		dateRange: days.length ? [days[0], days[days.length - 1]] : null,
		period: null,
		meta: {
			lineTypes,
			invoices: [...new Set(rows.map((r) => r.invoice).filter(Boolean))],
			...(invoiceTotal === null ? {} : { fileTotal: { cents: invoiceTotal, label: 'ligne de facture I' } })
		}
	};
}
