import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '$lib/db/pilot-db';
import { packParsed, parseBytes } from '$lib/intake/intake.core';
import { storeParsed } from '$lib/intake/intake.service';
import { moduleSummary } from '$lib/home/home.summary';
import { retoursLibraryRecord } from './retours.archive';
import { loadRetoursAnalysis, retoursDatasets } from './retours.repository';

const NAME = 'retours_export_202611.csv';
const bytes = new Uint8Array(readFileSync(`tests/fixtures/retours/${NAME}`));

async function store(name = NAME, data = bytes) {
	const upload = await packParsed(parseBytes(data, name, 'retours'));
	return storeParsed('retours', 'export', upload, new Blob([data]));
}

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
});

describe('Retours stored and read back', () => {
	it('recomputes the analysis from the records, keeps the original, refuses the same bytes twice', async () => {
		const dataset = await store();
		expect(dataset).toMatchObject({ fileName: NAME, rowCount: 107, period: '2026-11', slot: 'export' });
		expect(await dataset.original.text()).toBe(new TextDecoder().decode(bytes));
		const a = await loadRetoursAnalysis();
		expect([a.totalReturns, a.clients, a.products]).toEqual([55, 8, 127]);
		await expect(store('copie.csv')).rejects.toMatchObject({ code: 'already-imported' });
		expect(await retoursDatasets()).toHaveLength(1);
	});

	it('gives the home tile the figures its last analysis wrote, without reading a row', async () => {
		expect(await moduleSummary('retours')).toBe('Aucun fichier');
		const dataset = await store();
		// Not analysed yet: the file's own counts, never a guess.
		expect(await moduleSummary('retours')).toBe('1 période · 1 fichier · 107 lignes');
		await loadRetoursAnalysis();
		expect(await db.summaries.get('retours')).toMatchObject({
			version: 1,
			figures: { returns: 55, clients: 8, products: 127 }
		});
		const chunks = vi.spyOn(db, 'chunks');
		const tables = vi.spyOn(db, 'table');
		try {
			expect(await moduleSummary('retours')).toBe(
				'1 période · 1 fichier · 55 retours · 8 clients · 127 produits'
			);
			expect(chunks).not.toHaveBeenCalled();
			expect(tables.mock.calls.map(([name]) => name)).not.toContain('retoursChunks');
		} finally {
			chunks.mockRestore();
			tables.mockRestore();
		}
		// Another file since (imported elsewhere, restored, synced): the summary no longer holds.
		await db.datasets('retours').put({ ...dataset, id: 'autre', importedAt: dataset.importedAt + 1 });
		expect(await moduleSummary('retours')).toBe('1 période · 2 fichiers · 214 lignes');
		await db.datasets('retours').delete('autre');
		expect(await moduleSummary('retours')).toBe(
			'1 période · 1 fichier · 55 retours · 8 clients · 127 produits'
		);
		// A summary written by another version of the analysis is not trusted either.
		await db.summaries.update('retours', { version: 0 });
		expect(await moduleSummary('retours')).toBe('1 période · 1 fichier · 107 lignes');
	});

	it('archives a frozen copy filed under the returns month, with the legacy tables', async () => {
		const dataset = await store();
		const a = await loadRetoursAnalysis();
		const record = retoursLibraryRecord(a, [dataset], { id: 'x', now: 1 });
		expect(record).toMatchObject({
			module: 'retours',
			period: '2026-11',
			title: 'Retours — Novembre 2026',
			rowCount: 55,
			// The Bibliothèque says "55 retours · exports de retours : …", not "lignes facturées".
			result: { rowUnit: ['retour', 'retours'], filesLabel: 'exports de retours', window: [] }
		});
		const tables = (
			record.result as { tables: { id: string; columns: { header: string }[]; rows: unknown[][] }[] }
		).tables;
		expect(tables.map((t) => [t.id, t.columns.map((c) => c.header), t.rows.length])).toEqual([
			[
				'synthese',
				[
					'Client',
					'Nombre de Retours',
					'Numéros de Commandes',
					'Produits Retournés',
					'Avec motif',
					'Sans motif'
				],
				9
			],
			['detail', ['ID Retour', 'Client', 'N° Commande', 'Date Création', 'Produits Retournés', 'Motif'], 55]
		]);
	});
});
