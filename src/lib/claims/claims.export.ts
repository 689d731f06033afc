/**
 * The legacy's "Indemnisations_{début}_{fin}.xlsx" (§1.10): sheet "Synthèse" first, then "Indemnisations"
 * with its ten columns in order; plus a "Suivi" sheet with what the legacy did not keep (statut détaillé,
 * dates, échéance). Fixed: amounts are numbers, totals split by status (I-4), an empty period is refused (I-6).
 */
import type { ClaimRecord } from '$lib/db/records';
import { writeXlsx, type CellValue, type ExportColumn, type SheetSpec } from '$lib/export';
import { formatDay, plural } from '$lib/i18n/format';
import { claimDeadline, type DeadlineSettings } from './claims.deadlines';
import { legacyStatus, motifText } from './claims.logic';
import { byCarrier, byPartner, computeKpis, type Breakdown } from './claims.list';

export const LEGACY_COLUMNS = [
	'Date',
	'Tracking',
	'Partenaire',
	'Num_Commande_Origine',
	'Num_Commande_Partenaire',
	'Transporteur',
	'Motif',
	'Montant',
	'Statut',
	'Notes'
] as const;

const LIGHT = 'E8F5F1';

export function claimsSheet(claims: readonly ClaimRecord[]): SheetSpec<ClaimRecord> {
	const columns: ExportColumn<ClaimRecord>[] = [
		{ header: 'Date', value: (c) => c.date, kind: 'date' },
		{ header: 'Tracking', value: (c) => c.tracking, width: 22 },
		{ header: 'Partenaire', value: (c) => c.partner, width: 24 },
		{ header: 'Num_Commande_Origine', value: (c) => c.originOrder, width: 22 },
		{ header: 'Num_Commande_Partenaire', value: (c) => c.partnerOrder, width: 24 },
		{ header: 'Transporteur', value: (c) => c.carrier, width: 16 },
		{ header: 'Motif', value: (c) => motifText(c), width: 24 },
		{ header: 'Montant', value: (c) => c.amountCents, kind: 'cents' },
		{ header: 'Statut', value: (c) => legacyStatus(c.status) },
		{ header: 'Notes', value: (c) => c.notes, width: 40 }
	];
	// The legacy fills even spreadsheet rows (2, 4…): the 1st, 3rd… claims.
	const position = new Map(claims.map((c, i) => [c, i]));
	return {
		name: 'Indemnisations',
		columns,
		rows: claims,
		highlight: (c) => (position.get(c)! % 2 === 0 ? LIGHT : null)
	};
}

export function followUpSheet(
	claims: readonly ClaimRecord[],
	deadlines: DeadlineSettings,
	today: string,
	attachments: Record<string, number>
): SheetSpec<ClaimRecord> {
	const d = (c: ClaimRecord) => claimDeadline(c, deadlines, today);
	const columns: ExportColumn<ClaimRecord>[] = [
		{ header: 'Tracking', value: (c) => c.tracking, width: 22 },
		{ header: 'Statut détaillé', value: (c) => c.status, width: 16 },
		{ header: "Date d'expédition", value: (c) => c.shippingDate, kind: 'date' },
		{ header: "Date de l'incident", value: (c) => c.incidentDate, kind: 'date' },
		{ header: 'Date de dépôt', value: (c) => c.filedDate, kind: 'date' },
		{ header: 'Date de paiement', value: (c) => c.paidDate, kind: 'date' },
		{ header: 'Échéance', value: (c) => d(c).due, kind: 'date' },
		{ header: 'Alerte', value: (c) => d(c).flag ?? '' },
		{ header: 'Pièces jointes', value: (c) => attachments[c.id] ?? 0, kind: 'int' },
		{ header: 'Identifiant', value: (c) => c.id, width: 38 }
	];
	return { name: 'Suivi', columns, rows: claims };
}

/** `Indemnisations_20261101_20261130.xlsx` */
export function exportFileName(from: string, to: string, ext: 'xlsx' | 'csv'): string {
	return `Indemnisations_${from.replaceAll('-', '')}_${to.replaceAll('-', '')}.${ext}`;
}

export function inPeriod(claims: readonly ClaimRecord[], from: string, to: string): ClaimRecord[] {
	return claims.filter((c) => c.date >= from && c.date <= to);
}

/** The "Synthèse" sheet as rows of cells (money in cents), laid out as the legacy's. */
export interface SummaryLayout {
	title: string;
	exportedAt: string;
	period: string;
	total: { cents: number; label: string };
	statuses: { label: string; cents: number; count: number }[];
	blocks: { title: string; header: string[]; rows: Breakdown[] }[];
}

export function summaryLayout(
	claims: readonly ClaimRecord[],
	from: string,
	to: string,
	now: Date
): SummaryLayout {
	const k = computeKpis([...claims]);
	const p = (n: number) => String(n).padStart(2, '0');
	const stamp = `${p(now.getDate())}/${p(now.getMonth() + 1)}/${now.getFullYear()} ${p(now.getHours())}:${p(now.getMinutes())}`;
	return {
		title: 'SYNTHÈSE DES INDEMNISATIONS',
		exportedAt: `Date d'export : ${stamp}`,
		period: `Période : ${formatDay(from)} au ${formatDay(to)}`,
		total: { cents: k.claimed.cents, label: plural(k.claimed.count, 'indemnisation') },
		statuses: [
			{ label: 'dont reçues', cents: k.received.cents, count: k.received.count },
			{ label: 'dont en attente', cents: k.pending.cents, count: k.pending.count },
			{ label: 'dont refusées', cents: k.refused.cents, count: k.refused.count }
		],
		blocks: [
			{
				title: 'PAR PARTENAIRE',
				header: ['Partenaire', 'Total', 'Nb Cas', 'Reçu', 'En attente', 'Refusé'],
				rows: byPartner([...claims])
			},
			{
				title: 'PAR TRANSPORTEUR',
				header: ['Transporteur', 'Total', 'Nb Cas', 'Reçu', 'En attente', 'Refusé'],
				rows: byCarrier([...claims])
			}
		]
	};
}

export type { CellValue };

/** The workbook: the « Synthèse » layout, then the tables, built by the export worker. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- sheets of different row types
export function writeClaimsWorkbook(summary: SummaryLayout, tables: SheetSpec<any>[]): Promise<Blob> {
	return writeXlsx(tables, {
		layout: { kind: 'claims', summary },
		label: 'Préparation de l’export des indemnisations'
	});
}
