/** The one tracking-number normaliser of the app: every module keys and matches parcels with it. */
import type { Cell } from './read';
import { integerString } from './values';

export type CarrierId = 'colissimo' | 'chronopost' | 'dpd' | 'mondial-relay' | 'dhl';

/**
 * Trim, drop every space, upper-case; a numeric cell becomes its integer digits; a text that is a float
 * artefact of a number (`25010000000001.0`, `2.5010000000001E+13`) loses it. Blank → ''.
 */
export function normaliseTracking(v: Cell): string {
	if (v === null || v === undefined || typeof v === 'boolean' || v instanceof Date) return '';
	if (typeof v === 'number') return Number.isFinite(v) ? integerString(v) : '';
	let s = v.replace(/[\s\u00a0\u202f]+/g, '').toUpperCase();
	if (s.startsWith("'")) s = s.slice(1);
	const float = /^(\d+)\.0+$/.exec(s);
	if (float) return float[1];
	if (/^\d(\.\d+)?E\+?\d+$/.test(s)) {
		const n = Number(s);
		if (Number.isInteger(n)) return integerString(n);
	}
	return s;
}

/** All-digit keys also match without their leading zeros (a spreadsheet may have eaten them). */
export function trackingVariant(key: string): string | null {
	if (!/^0+\d/.test(key) || !/^\d+$/.test(key)) return null;
	return key.replace(/^0+/, '');
}

/**
 * The carrier a normalised tracking's format points to, where the format is unambiguous enough:
 * Colissimo `6A12345678901` (digit, letter, 11 digits) or an S10 code not starting with X;
 * Chronopost `XR123456789FR`; DPD 14 digits; DHL 10 digits; Mondial Relay 8, 9, 11 or 12 digits.
 */
export function recogniseCarrier(tracking: string): CarrierId | null {
	const t = normaliseTracking(tracking);
	if (/^\d[A-Z]\d{11}$/.test(t)) return 'colissimo';
	if (/^[A-Z]{2}\d{9}[A-Z]{2}$/.test(t)) return t.startsWith('X') ? 'chronopost' : 'colissimo';
	if (/^\d{14}$/.test(t)) return 'dpd';
	if (/^\d{10}$/.test(t)) return 'dhl';
	if (/^\d{8,12}$/.test(t)) return 'mondial-relay';
	return null;
}
