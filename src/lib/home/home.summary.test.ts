import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '$lib/db/pilot-db';
import { testDataset } from '$lib/db/dataset.testing';
import type { ClaimRecord, ClaimStatus } from '$lib/db/records';
import { moduleSummary } from './home.summary';

describe('home tile summaries of the dataset modules', () => {
	beforeEach(async () => {
		await Promise.all(db.tables.map((t) => t.clear()));
	});

	it('say when a module holds no file', async () => {
		expect(await moduleSummary('colissimo')).toBe('Aucun fichier');
	});

	it('count stored lines, and the 8R returns of the Colissimo invoices (not their outbound lines)', async () => {
		await db.datasets('dpd').put(testDataset({ id: 'd', slot: 'predict', period: '2026-11', rowCount: 107 }));
		expect(await moduleSummary('dpd')).toBe('1 période · 1 fichier · 107 lignes');
		await db.datasets('colissimo').bulkPut([
			testDataset({
				id: 'c1',
				slot: 'facture',
				period: '2026-11',
				rowCount: 142,
				meta: { returns: 42, otherLines: 100 }
			}),
			testDataset({
				id: 'c2',
				slot: 'facture',
				period: '2026-10',
				rowCount: 3,
				meta: { returns: 1, otherLines: 2 }
			})
		]);
		expect(await moduleSummary('colissimo')).toBe('2 périodes · 2 fichiers · 43 retours 8R');
	});

	it('count the TOOPOST returns of the Mondial Relay files, not their lines', async () => {
		await db
			.datasets('mondialRelay')
			.put(
				testDataset({ id: 'mr', slot: 'retours', period: '2026-11', rowCount: 66, meta: { returns: 58 } })
			);
		expect(await moduleSummary('mondial-relay')).toBe('1 période · 1 fichier · 58 retours TOOPOST');
	});

	it('say which carriers and months the Export Refacturation would consolidate', async () => {
		expect(await moduleSummary('refacturation')).toBe('Aucune facture transporteur à consolider');
		await db.datasets('logisticiens').put(testDataset({ id: 'l', slot: '3pl', period: '2026-09' }));
		expect(await moduleSummary('refacturation')).toBe('Aucune facture transporteur à consolider');
		await db.datasets('dpd').put(testDataset({ id: 'd', slot: 'predict', period: '2026-11' }));
		await db.datasets('dhl').put(testDataset({ id: 'h', slot: 'facture', period: '2026-10' }));
		await db.datasets('colisPrive').put(testDataset({ id: 'c', slot: 'facture', period: '2026-11' }));
		expect(await moduleSummary('refacturation')).toBe('3 transporteurs · 2 périodes à consolider');
	});

	it('count the claims in waiting on the status index, without reading a claim', async () => {
		expect(await moduleSummary('indemnisations')).toBe('Aucune indemnisation');
		const claim = (id: string, status: ClaimStatus) => ({ id, status, tracking: id, carrier: 'DPD' });
		await db.claims.bulkPut([
			claim('a', 'À constituer'),
			claim('b', 'Acceptée'),
			claim('c', 'Reçue'),
			claim('d', 'Refusée')
		] as ClaimRecord[]);
		const read = vi.spyOn(db.claims, 'toArray');
		try {
			expect(await moduleSummary('indemnisations')).toBe('2 indemnisations en attente');
			expect(read).not.toHaveBeenCalled();
		} finally {
			read.mockRestore();
		}
		await db.claims.bulkDelete(['a', 'b']);
		expect(await moduleSummary('indemnisations')).toBe('2 indemnisations · aucune en attente');
	});
});
