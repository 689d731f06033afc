import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '$lib/db/pilot-db';
import { datasetRows } from './datasets.repository';
import { packParsed, parseBytes } from './intake.core';
import { storeParsed } from './intake.service';

const rows = Array.from(
	{ length: 4100 },
	(_, i) => `CAFE PIERROT;DPD;2501${String(i).padStart(10, '0')};02/11/2026`
);
const bytes = new TextEncoder().encode(
	`Nom du partenaire;Transporteur;Numéro de tracking;Date d’expédition\n${rows.join('\n')}\n`
);

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
});

describe('storeParsed', () => {
	it('stores the packed chunks as they are, in order, and datasetRows reads the parsed rows back', async () => {
		const parsed = parseBytes(bytes, 'gros.csv', '3pl');
		const upload = await packParsed(parsed);
		const dataset = await storeParsed('logisticiens', '3pl', upload, new Blob([bytes]));
		expect(dataset).toMatchObject({ rowCount: 4100, chunkCount: 3 });
		const stored = await db.chunks('logisticiens').where('datasetId').equals(dataset.id).sortBy('index');
		expect(stored).toEqual(upload.chunks.map((c, index) => ({ datasetId: dataset.id, index, ...c })));
		expect(await datasetRows('logisticiens', dataset.id)).toStrictEqual(parsed.result.rows);
	});

	it('writes nothing when the chunks do not hold every row read', async () => {
		const upload = await packParsed(parseBytes(bytes, 'gros.csv', '3pl'));
		upload.chunks.pop();
		await expect(storeParsed('logisticiens', '3pl', upload, new Blob([bytes]))).rejects.toMatchObject({
			code: 'unexpected'
		});
		expect(await db.datasets('logisticiens').count()).toBe(0);
		expect(await db.chunks('logisticiens').count()).toBe(0);
	});

	it('refuses a carrier invoice with an unreadable line, even when asked to skip it (RULINGS 21)', async () => {
		const invoice = new TextEncoder().encode(
			'Tracking;Poids facturé;Majoration service;Code Postal\nCP1;1,2;1,50;75001\nCP2;abc;0;75002\n'
		);
		const upload = await packParsed(parseBytes(invoice, 'cp.csv', 'colis-prive'));
		await expect(
			storeParsed('colisPrive', 'facture', upload, new Blob([invoice]), { skipBadLines: true, invoice: true })
		).rejects.toMatchObject({ code: 'bad-invoice-lines', details: { file: 'cp.csv', line: 3 } });
		expect(await db.datasets('colisPrive').count()).toBe(0);
	});
});
