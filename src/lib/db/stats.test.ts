import { beforeEach, describe, expect, it } from 'vitest';
import { testChunks, testDataset } from './dataset.testing';
import { db } from './pilot-db';
import { countText, describeCounts, tableCounts, tableUnit } from './stats';

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ _line: i + 2 }));

describe('counts a user counts', () => {
	beforeEach(async () => {
		await Promise.all(db.tables.map((t) => t.clear()));
	});

	it('name every table in its own words, never "enregistrements"', () => {
		for (const t of db.tables) expect(tableUnit(t.name)[0], t.name).not.toBe('enregistrement');
		expect(tableUnit('logisticiensChunks')).toEqual(['ligne', 'lignes']);
		expect(tableUnit('dpdDatasets')).toEqual(['fichier', 'fichiers']);
	});

	it('say "2 indemnisations, 2 justificatifs", adding up like units and leaving out zeros', () => {
		const claims = { n: 2, unit: tableUnit('claims') };
		const proofs = { n: 2, unit: tableUnit('claimAttachments') };
		expect(describeCounts([claims, proofs])).toBe('2 indemnisations, 2 justificatifs');
		const files = (n: number) => ({ n, unit: tableUnit('dpdDatasets') });
		const lines = (n: number) => ({ n, unit: tableUnit('dpdChunks') });
		expect(describeCounts([files(1), lines(1169), files(2), lines(1000), { ...proofs, n: 0 }])).toBe(
			'3 fichiers, 2 169 lignes'
		);
		expect(countText({ n: 0, unit: tableUnit('claims') })).toBe('0 indemnisation');
		expect(describeCounts([])).toBe('');
	});

	it('count a 3PL file by its rows (1 169), not by its chunk records', async () => {
		await db.datasets('logisticiens').put(testDataset({ id: 'a', rowCount: 1169 }));
		await db.chunks('logisticiens').bulkPut(testChunks('a', rows(1169), 500));
		const counts = await tableCounts('logisticiens');
		const chunks = counts.find((t) => t.name === 'logisticiensChunks')!;
		expect(chunks.count).toBe(3);
		expect(countText(chunks)).toBe('1 169 lignes');
		expect(countText(counts.find((t) => t.name === 'logisticiensDatasets')!)).toBe('1 fichier');
	});
});
