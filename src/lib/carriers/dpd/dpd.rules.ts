/**
 * DPD's own rules (legacy v1.5): per-line costs, synthesis per partner, supplements and returns extracts.
 * "Taxe Sûreté" = Participation Sureté + Contribution Logistique Responsable; "Total avec taxes" excludes
 * the transport price (the legacy's definition, kept for parity); "Prix total ligne" is everything billed.
 */
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import type { BilledLine, InvoiceFile, MatchedLine } from '../pipeline/carrier.types';
import type { DpdRow } from './dpd.parser';
import { sumByPartner } from '../pipeline/carrier.analysis';
import type { CarrierBilling } from '../pipeline/reconciliation';

/** Predict before Classic, as the legacy concatenated them. */
export const DPD_SLOTS = ['predict', 'classic'] as const;

export interface DpdLine extends BilledLine {
	row: DpdRow;
}

/** One line of the "📋 Détail" tab (amounts in cents). */
export interface DpdDetail {
	partner: string;
	order: string;
	dpdId: string;
	colis: string;
	day: string | null;
	name: string;
	city: string;
	postcode: string;
	country: string;
	transportCents: number;
	supplementCents: number;
	nbRetours: number;
	retourCents: number;
	fuelCents: number;
	sureteCents: number;
	totalAvecTaxesCents: number;
	prixTotalCents: number;
	/** "Doublon"… — the shared flags, for the screen's "Contrôle" column and the highlights. */
	control: string;
	toContestCents: number;
	fileName: string;
	line: number;
}

/** One row of the "📊 Synthèse" tab. */
export interface DpdSynthese {
	partner: string;
	nbExpeditions: number;
	transportCents: number;
	supplementCents: number;
	nbRetours: number;
	retourCents: number;
	fuelCents: number;
	sureteCents: number;
	totalAvecTaxesCents: number;
	prixTotalCents: number;
}

export interface DpdStats {
	nbExpeditions: number;
	/** Distinct partners, NON ATTRIBUÉ included (the legacy's count). */
	nbPartenaires: number;
	prixTotalCents: number;
	transportCents: number;
	supplementCents: number;
	retourCents: number;
	fuelCents: number;
	sureteCents: number;
	nbSupplements: number;
	nbRetours: number;
	nonAttribueLines: number;
	nonAttribueCents: number;
	/** NON ATTRIBUÉ lines ÷ all lines, 0 when there is none (legacy bug 17: division by zero). */
	tauxNonAttribue: number;
}

export interface DpdResult {
	detail: DpdDetail[];
	synthese: DpdSynthese[];
	supplements: DpdDetail[];
	retours: DpdDetail[];
	stats: DpdStats;
}

export function linePrice(row: DpdRow): number {
	return (
		row.transportCents +
		row.supplementCents +
		row.retourCents +
		row.fuelCents +
		row.participationCents +
		row.clrCents
	);
}

/** Every stored row is a billed line: its price is all it bills (RULINGS 21). */
export const DPD_BILLING: CarrierBilling<DpdRow, DpdLine> = { rowCents: linePrice };

/** Stored rows of the Predict then Classic files (each in upload order) → billed lines. */
export function dpdLines(files: InvoiceFile<DpdRow>[]): DpdLine[] {
	const rank = (slot: string) => {
		const i = (DPD_SLOTS as readonly string[]).indexOf(slot);
		return i < 0 ? DPD_SLOTS.length : i;
	};
	const ordered = [...files].sort(
		(a, b) => rank(a.dataset.slot) - rank(b.dataset.slot) || a.dataset.importedAt - b.dataset.importedAt
	);
	return ordered.flatMap(({ dataset, rows }) =>
		rows.map((row) => ({
			tracking: row.dpdId,
			day: row.day,
			amountCents: linePrice(row),
			weightKg: null,
			source: { datasetId: dataset.id, fileName: dataset.fileName, slot: dataset.slot, line: row._line },
			place: `${row.city} ${row.postcode}`,
			row
		}))
	);
}

function detailOf(ml: MatchedLine<DpdLine>): DpdDetail {
	const r = ml.line.row;
	const sureteCents = r.participationCents + r.clrCents;
	const totalAvecTaxesCents = r.supplementCents + r.retourCents + r.fuelCents + sureteCents;
	return {
		partner: ml.partner,
		order: ml.match?.originOrder ?? '',
		dpdId: r.dpdId,
		colis: r.colis,
		day: r.day,
		name: r.name,
		city: r.city,
		postcode: r.postcode,
		country: r.country,
		transportCents: r.transportCents,
		supplementCents: r.supplementCents,
		nbRetours: r.nbRetours,
		retourCents: r.retourCents,
		fuelCents: r.fuelCents,
		sureteCents,
		totalAvecTaxesCents,
		prixTotalCents: r.transportCents + totalAvecTaxesCents,
		control: ml.flags.map((f) => f.label).join(', '),
		toContestCents: ml.flags.reduce((s, f) => s + f.amountCents, 0),
		fileName: ml.line.source.fileName,
		line: ml.line.source.line
	};
}

function byPrixTotalDesc(a: { prixTotalCents: number }, b: { prixTotalCents: number }): number {
	return b.prixTotalCents - a.prixTotalCents;
}

export function syntheseOf(detail: DpdDetail[]): DpdSynthese[] {
	return sumByPartner(
		detail,
		'nbExpeditions',
		[
			'transportCents',
			'supplementCents',
			'nbRetours',
			'retourCents',
			'fuelCents',
			'sureteCents',
			'totalAvecTaxesCents',
			'prixTotalCents'
		],
		'prixTotalCents'
	);
}

export function analyseDpd(lines: MatchedLine<DpdLine>[]): DpdResult {
	const detail = lines.map(detailOf);
	const synthese = syntheseOf(detail);
	const supplements = detail.filter((d) => d.supplementCents > 0).sort(byPrixTotalDesc);
	// A return cost with a count of 0 is not a return (legacy rule: the count decides).
	const retours = detail.filter((d) => d.nbRetours > 0).sort(byPrixTotalDesc);
	const sum = (key: keyof DpdSynthese) => synthese.reduce((s, g) => s + (g[key] as number), 0);
	const nonAttribue = synthese.find((g) => g.partner === NON_ATTRIBUE);
	return {
		detail,
		synthese,
		supplements,
		retours,
		stats: {
			nbExpeditions: detail.length,
			nbPartenaires: synthese.length,
			prixTotalCents: sum('prixTotalCents'),
			transportCents: sum('transportCents'),
			supplementCents: sum('supplementCents'),
			retourCents: retours.reduce((s, d) => s + d.retourCents, 0),
			fuelCents: sum('fuelCents'),
			sureteCents: sum('sureteCents'),
			nbSupplements: supplements.length,
			nbRetours: retours.length,
			nonAttribueLines: nonAttribue?.nbExpeditions ?? 0,
			nonAttribueCents: nonAttribue?.prixTotalCents ?? 0,
			tauxNonAttribue: detail.length ? (nonAttribue?.nbExpeditions ?? 0) / detail.length : 0
		}
	};
}

/** 3PL "Transporteur" values that are DPD: trimmed, any case, "DPD Predict"/"DPD Classic" too (legacy bug 2). */
export function isDpdCarrier(carrierUpper: string): boolean {
	return carrierUpper === 'DPD' || carrierUpper.startsWith('DPD ');
}
