/**
 * Colis Privé analysis (pure): the legacy's "croisement" of the invoice with the 3PL files and its
 * service-surcharge ("majoration") detection. Every billed line is kept: lines no 3PL row explains are
 * NON ATTRIBUÉ with their surcharges (legacy CP-5 dropped them silently).
 */
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import type { CarrierBilling } from '$lib/carriers/pipeline/reconciliation';
import type { BilledLine, InvoiceFile, MatchedLine } from '$lib/carriers/pipeline/carrier.types';
import type { ColisPriveRow } from './colis-prive.parser';

/** Overweight when billed kg × 1000 > 3PL g + 10 g (RULINGS 7). */
export const COLIS_PRIVE_OVERWEIGHT_TOLERANCE_G = 10;

/** 3PL rows that count for Colis Privé ("Colis Privé", "COLIS PRIVE", "ColisPrivé"…), or with no carrier. */
export function isColisPriveCarrier(carrierUpper: string): boolean {
	const key = carrierUpper
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toUpperCase()
		.replace(/[^A-Z]/g, '');
	return key === '' || key.includes('COLISPRIVE');
}

/** A billed parcel; its amount (what a duplicate adds to contest) is all billed for it, excl. VAT. */
export interface ColisPriveLine extends BilledLine {
	row: ColisPriveRow;
}

/** Total HT when the file has it, else Prix HT + Majoration (the legacy layout has the surcharge only). */
export function billedCents(row: ColisPriveRow): number {
	return row.totalHtCents ?? (row.prixHtCents ?? 0) + (row.majorationCents ?? 0);
}

/** Every stored row is a billed line (RULINGS 21). */
export const COLIS_PRIVE_BILLING: CarrierBilling<ColisPriveRow, ColisPriveLine> = { rowCents: billedCents };

export function colisPriveLines(files: InvoiceFile<ColisPriveRow>[]): ColisPriveLine[] {
	return files.flatMap(({ dataset, rows }) =>
		rows.map((row) => ({
			tracking: row.tracking,
			day: row.day,
			amountCents: billedCents(row),
			weightKg: row.weightKg,
			source: { datasetId: dataset.id, fileName: dataset.fileName, slot: dataset.slot, line: row._line },
			place: `${row.city} ${row.postcode}`,
			row
		}))
	);
}

export type Croisement = MatchedLine<ColisPriveLine>;

/** The legacy's only surcharge rule: strictly above zero (zero, negative and blank do not count). */
export const hasMajoration = (m: Croisement): boolean => (m.line.row.majorationCents ?? 0) > 0;

export interface PartnerMajorations {
	partner: string;
	/** "Total envois": billed lines of the partner. */
	envois: number;
	majorationsCents: number;
	withMajoration: number;
}

export interface MajorationStats {
	lines: number;
	crossedLines: number;
	withMajoration: number;
	majorationsCents: number;
	crossedWithMajoration: number;
	crossedMajorationsCents: number;
	unmatchedWithMajoration: number;
	unmatchedMajorationsCents: number;
}

export interface ColisPriveResult {
	/** Every billed line, largest surcharge first, blank surcharges last (billing order otherwise). */
	rows: Croisement[];
	/** Lines with a surcharge > 0, in the same order. */
	majorations: Croisement[];
	/** The first 10 of `majorations`. */
	top: Croisement[];
	/** Per partner, largest total first; NON ATTRIBUÉ last (the legacy dropped it, with its surcharges). */
	partners: PartnerMajorations[];
	stats: MajorationStats;
}

function bySurchargeDesc(a: Croisement, b: Croisement): number {
	const x = a.line.row.majorationCents;
	const y = b.line.row.majorationCents;
	if (x === null || y === null) return Number(x === null) - Number(y === null);
	return y - x;
}

export function analyseColisPrive(lines: Croisement[]): ColisPriveResult {
	const rows = [...lines].sort(bySurchargeDesc);
	const majorations = rows.filter(hasMajoration);
	const partners = new Map<string, PartnerMajorations>();
	const stats: MajorationStats = {
		lines: lines.length,
		crossedLines: 0,
		withMajoration: 0,
		majorationsCents: 0,
		crossedWithMajoration: 0,
		crossedMajorationsCents: 0,
		unmatchedWithMajoration: 0,
		unmatchedMajorationsCents: 0
	};
	for (const m of lines) {
		const cents = m.line.row.majorationCents ?? 0;
		const surcharged = hasMajoration(m);
		const p = partners.get(m.partner) ?? {
			partner: m.partner,
			envois: 0,
			majorationsCents: 0,
			withMajoration: 0
		};
		p.envois++;
		p.majorationsCents += cents;
		if (surcharged) p.withMajoration++;
		partners.set(m.partner, p);
		// "Total majorations" sums every value, negative ones included (the legacy's rule).
		stats.majorationsCents += cents;
		if (surcharged) stats.withMajoration++;
		if (m.match) {
			stats.crossedLines++;
			stats.crossedMajorationsCents += cents;
			if (surcharged) stats.crossedWithMajoration++;
		} else {
			stats.unmatchedMajorationsCents += cents;
			if (surcharged) stats.unmatchedWithMajoration++;
		}
	}
	return {
		rows,
		majorations,
		top: majorations.slice(0, 10),
		partners: [...partners.values()].sort(
			(a, b) =>
				Number(a.partner === NON_ATTRIBUE) - Number(b.partner === NON_ATTRIBUE) ||
				b.majorationsCents - a.majorationsCents ||
				a.partner.localeCompare(b.partner, 'fr')
		),
		stats
	};
}
