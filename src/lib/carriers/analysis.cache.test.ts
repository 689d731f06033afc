import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { db } from '$lib/db/pilot-db';
import { datasetRows, deleteDatasets } from '$lib/intake/datasets.repository';
import { packParsed, parseBytes } from '$lib/intake/intake.core';
import { storeParsed } from '$lib/intake/intake.service';
import { AnalysisCache } from './analysis.cache';
import { chronopostModuleFor } from './chronopost/chronopost.module';
import { SURPLUS_PRESELECTION } from './chronopost/chronopost.rules';
import { colissimoModule } from './colissimo/colissimo.module';
import { dhlModule } from './dhl/dhl.module';
import { dpdModule } from './dpd/dpd.module';
import { computeHere } from './pipeline/carrier.compute';
import type { AnyCarrierModule } from './pipeline/carrier.types';

// Counts the files read from their chunks: every read of stored rows goes through datasetRows.
vi.mock('$lib/intake/datasets.repository', async (importOriginal) => {
	const actual = await importOriginal<typeof import('$lib/intake/datasets.repository')>();
	return { ...actual, datasetRows: vi.fn(actual.datasetRows) };
});

async function store(storeName: string, slot: string, path: string, parser: string) {
	const bytes = new Uint8Array(readFileSync(`tests/fixtures/${path}`));
	const parsed = await packParsed(parseBytes(bytes, path.split('/').pop()!, parser));
	return storeParsed(storeName, slot, parsed, new Blob([bytes]));
}

/** The files read since the last call, by name. */
async function filesRead(): Promise<string[]> {
	const calls = vi.mocked(datasetRows).mock.calls;
	const names = await Promise.all(
		calls.map(async ([s, id]) => (await db.datasets(s).get(id))?.fileName ?? id)
	);
	vi.mocked(datasetRows).mockClear();
	return names.sort();
}

/** A run through the cache, checked against a run that reads every chunk. */
async function cachedRun(cache: AnalysisCache, module: AnyCarrierModule, window: string[] | null) {
	const computed = await computeHere(module, window, cache);
	const read = await filesRead();
	expect(computed).toEqual(await computeHere(module, window));
	vi.mocked(datasetRows).mockClear();
	return { computed, read };
}

const THREEPL = (m: string) => store('logisticiens', '3pl', `3pl/LOG_2026_${m}.xlsx`, '3pl');

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
	vi.mocked(datasetRows).mockClear();
});

describe('the analysis worker cache', () => {
	it('recomputes with another surcharge option or 3PL window without reading any chunk', async () => {
		for (const m of ['09', '10', '11']) await THREEPL(m);
		await store('chronopost', 'facture', 'chronopost/2026110042_FACTURE_CHRONOPOST.xlsx', 'chronopost');
		const cache = new AnalysisCache();

		const first = await cachedRun(cache, chronopostModuleFor(), ['2026-11']);
		expect(first.read).toEqual(['2026110042_FACTURE_CHRONOPOST.xlsx', 'LOG_2026_11.xlsx']);
		const toggled = await cachedRun(cache, chronopostModuleFor(SURPLUS_PRESELECTION), ['2026-11']);
		expect(toggled.read).toEqual([]);
		expect(toggled.computed.analysis).not.toEqual(first.computed.analysis);
		// The automatic window reads the months it adds, alone; the months held are not read again.
		expect((await cachedRun(cache, chronopostModuleFor(), null)).read).toEqual([
			'LOG_2026_09.xlsx',
			'LOG_2026_10.xlsx'
		]);
		expect((await cachedRun(cache, chronopostModuleFor(), ['2026-10'])).read).toEqual([]);
		expect((await cachedRun(cache, chronopostModuleFor(SURPLUS_PRESELECTION), null)).read).toEqual([]);
	});

	it('reads only the file just imported, nothing after a delete, and again a file stored anew', async () => {
		for (const m of ['09', '10']) await THREEPL(m);
		await store('dpd', 'predict', 'dpd/DPD_PREDICT.xlsx', 'dpd');
		const cache = new AnalysisCache();
		expect((await cachedRun(cache, dpdModule, null)).read).toEqual([
			'DPD_PREDICT.xlsx',
			'LOG_2026_09.xlsx',
			'LOG_2026_10.xlsx'
		]);

		const classic = await store('dpd', 'classic', 'dpd/DPD_CLASSIC.xlsx', 'dpd');
		await THREEPL('11');
		const both = await cachedRun(cache, dpdModule, null);
		expect(both.read).toEqual(['DPD_CLASSIC.xlsx', 'LOG_2026_11.xlsx']);
		expect(both.computed.analysis.summary.billedLines).toBe(150);

		await deleteDatasets('dpd', [classic.id]);
		expect((await cachedRun(cache, dpdModule, null)).read).toEqual([]);

		// The same file from another import (e.g. a backup's, restored) has another importedAt: read again.
		const [predict] = await db.datasets('dpd').toArray();
		await db.datasets('dpd').update(predict.id, { importedAt: predict.importedAt + 1 });
		expect((await cachedRun(cache, dpdModule, null)).read).toEqual(['DPD_PREDICT.xlsx']);
	});

	it('keeps the rows of the 3PL and of the last two carriers only', async () => {
		await THREEPL('11');
		await store('dpd', 'predict', 'dpd/DPD_PREDICT.xlsx', 'dpd');
		await store('dhl', 'facture', 'dhl/DHL_INVOICE_PAR7494288.csv', 'dhl');
		await store('colissimo', 'facture', 'colissimo/FACTURE_COLISSIMO_202611.csv', 'colissimo');
		const cache = new AnalysisCache();
		expect((await cachedRun(cache, dpdModule, ['2026-11'])).read).toEqual([
			'DPD_PREDICT.xlsx',
			'LOG_2026_11.xlsx'
		]);
		for (const module of [dhlModule, colissimoModule])
			expect((await cachedRun(cache, module, ['2026-11'])).read).toHaveLength(1);
		expect((await cachedRun(cache, dpdModule, ['2026-11'])).read).toEqual(['DPD_PREDICT.xlsx']);
		expect((await cachedRun(cache, colissimoModule, ['2026-11'])).read).toEqual([]);
	});
});
