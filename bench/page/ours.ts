/**
 * Pilot's own code paths, called exactly as the app calls them: backup, restore, intake, matching.
 */
import { db as appDb, type PilotDB } from '$lib/db/pilot-db';
import type { DatasetRecord } from '$lib/db/records';
import type { DatasetStore } from '$lib/db/schema';
import { createBackup } from '$lib/backup/backup-engine';
import { restoreBackup } from '$lib/backup/backup-restore';
import { snapshotUnderLock } from '$lib/backup/snapshots.service';
import { writeXlsx } from '$lib/export/workbook.client';
import type { ExportColumn } from '$lib/export/sheet.types';
import { importFile as intakeImport, parseInWorker } from '$lib/intake/intake.service';
import { PARSERS } from '$lib/intake/parsers';
import { notifications } from '$lib/state/notifications.svelte';
import { buildLookup } from '$lib/logisticiens/threepl.lookup';
import { matchLines, summarise } from '$lib/carriers/pipeline/carrier.analysis';
import type { BilledLine } from '$lib/carriers/pipeline/carrier.types';
import { invoiceLine, rng, threePLRow, type InvoiceLine } from './data';

export const parserIds = (): string[] => Object.keys(PARSERS);

/** A backup as the "Créer la sauvegarde" button makes it: worker, write lock, verified ZIP. */
export async function backup(
	db: PilotDB,
	password?: string
): Promise<{ blob: Blob; [key: string]: unknown }> {
	const created = await createBackup(db, { password });
	if (!created.verified) throw new Error('backup not verified');
	return {
		blob: created.blob,
		records: created.manifest.totals.rows,
		blobs: created.manifest.blobs.count,
		phasesMs: created.timings
	};
}

/**
 * Read + verify the ZIP (worker; the stored Blobs are hashed while the transaction writes), then ONE
 * read-write transaction, into the empty database the caller made.
 */
export async function restore(
	db: PilotDB,
	file: File,
	password?: string,
	verifyBlobs: 'now' | 'while-writing' = 'while-writing'
): Promise<Record<string, unknown>> {
	const parsed = await restoreBackup(db, file, { fileName: file.name, password, verifyBlobs });
	return { tables: Object.keys(parsed.tables).length, phasesMs: parsed.timings };
}

/** The restore of the restore panel over existing data: the app's safety snapshot (stored), then the write. */
export async function restoreOverData(db: PilotDB, file: File): Promise<Record<string, unknown>> {
	if (db !== appDb) throw new Error('the safety snapshot is of the app database');
	const parsed = await restoreBackup(db, file, {
		fileName: file.name,
		beforeWrite: async () => {
			await snapshotUnderLock(`Avant restauration de « ${file.name} »`);
		}
	});
	return { tables: Object.keys(parsed.tables).length, phasesMs: parsed.timings };
}

/** Columns of a carrier invoice export (text, days, weights, euros), as writeXlsx receives them. */
const EXPORT_COLUMNS: ExportColumn<InvoiceLine>[] = [
	{ header: 'Numéro de suivi', value: (l) => l.tracking },
	{ header: 'Date', value: (l) => l.date, kind: 'date' },
	{ header: 'Code produit', value: (l) => l.productCode },
	{ header: 'Produit', value: (l) => l.productLabel },
	{ header: 'Poids (kg)', value: (l) => l.weightKg, kind: 'kg' },
	{ header: 'Code postal', value: (l) => l.postcode },
	{ header: 'Pays', value: (l) => l.country },
	{ header: 'Prix HT', value: (l) => l.priceCents, kind: 'cents' },
	{ header: 'Surcharge', value: (l) => l.surchargeCents, kind: 'cents' },
	{ header: 'Total TTC', value: (l) => l.totalCents, kind: 'cents' }
];

/** Lines generated first (not timed), then the workbook written: time and longest main-thread task. */
export async function exportWorkbook(
	lines: number,
	measure: (fn: () => Promise<Record<string, unknown>>) => Promise<Record<string, unknown>>
): Promise<Record<string, unknown>> {
	const r = rng(lines);
	const rows = Array.from({ length: lines }, (_, i) => invoiceLine(r, i, 1 + (i % 12)));
	return measure(async () => {
		const blob = await writeXlsx([
			{
				name: 'Détail',
				columns: EXPORT_COLUMNS,
				rows,
				highlight: (l) => (l.surchargeCents ? 'FFF3CD' : null)
			}
		]);
		return { rows: lines, bytes: blob.size };
	});
}

/**
 * Parse alone: the intake worker reads, hashes and parses the file, and only counts the rows — no
 * packing, nothing sent to the page. An import does all of this, then packs and stores.
 */
export async function parseOnly(file: File, parser: string): Promise<Record<string, unknown>> {
	const parsed = await parseInWorker(file, parser, { pack: false });
	return { rows: parsed.result.rowCount, errors: parsed.result.errors.length };
}

/** Parse + store, end to end, through the intake service the pages call. */
export async function importFile(
	store: string,
	slot: string,
	parser: string,
	file: File
): Promise<Record<string, unknown>> {
	notifications.clear();
	const dataset = await intakeImport({ store: store as DatasetStore, slot, parser, file });
	if (!dataset) throw new Error(`import failed: ${notifications.items.map((n) => n.text).join(' | ')}`);
	return { rows: dataset.rowCount, chunks: dataset.chunkCount };
}

/**
 * matchMs: an invoice of `lines` lines matched against `rows` 3PL rows, as a carrier page does it:
 * build the 3PL lookup, match every line (shared flags), summarise. 90 % of the lines are found.
 */
export function match(rows: number, lines: number): { ms: number; matched: number } {
	const r = rng(60_000);
	const threePL = Array.from({ length: rows }, (_, i) => ({ ...threePLRow(r, i, 10), carrier: 'Colissimo' }));
	const dataset = {
		id: 'bench-3pl',
		fileName: 'LOG_2026_10.xlsx',
		period: '2026-10',
		importedAt: 1
	} as DatasetRecord;
	const billed: BilledLine[] = Array.from({ length: lines }, (_, i) => {
		const known = r() < 0.9 ? threePL[Math.floor(r() * rows)].tracking : undefined;
		const l = invoiceLine(r, i, 10, known);
		return {
			tracking: l.tracking,
			day: l.date,
			amountCents: l.totalCents,
			weightKg: l.weightKg,
			source: {
				datasetId: 'bench-invoice',
				fileName: 'FACTURE_COLISSIMO.csv',
				slot: 'facture',
				line: l._line
			}
		};
	});
	const t0 = performance.now();
	const lookup = buildLookup([{ dataset, rows: threePL }]);
	const matched = matchLines(billed, lookup, {
		acceptsCarrier: (c) => c === 'COLISSIMO',
		overweightToleranceG: 10
	});
	const summary = summarise(matched);
	return { ms: performance.now() - t0, matched: summary.matchedLines };
}
