import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import type { ArchivedAnalysis } from '$lib/analysis/archive';
import { db } from '$lib/db/pilot-db';
import { packParsed, parseBytes } from '$lib/intake/intake.core';
import { storeParsed } from '$lib/intake/intake.service';
import { notifications } from '$lib/state/notifications.svelte';
import { dpdModule } from '../dpd/dpd.module';
import { pageSpec } from './common.tabs';
import { archiveAnalysis, computeAnalysis } from './carrier.service';

vi.mock('$lib/backup/snapshots.service', () => ({ noteSignificantChange: () => {} }));

async function store(storeName: 'dpd' | 'logisticiens', slot: string, path: string, parser: string) {
	const bytes = new Uint8Array(readFileSync(`tests/fixtures/${path}`));
	const parsed = await packParsed(parseBytes(bytes, path.split('/').pop()!, parser));
	return storeParsed(storeName, slot, parsed, new Blob([bytes]));
}

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
	notifications.clear();
});

describe('carrier service on stored records', () => {
	it('recomputes the analysis from the stored files and 3PL window, then archives it', async () => {
		for (const m of ['09', '10', '11']) await store('logisticiens', '3pl', `3pl/LOG_2026_${m}.xlsx`, '3pl');
		await store('dpd', 'classic', 'dpd/DPD_CLASSIC.xlsx', 'dpd');
		await store('dpd', 'predict', 'dpd/DPD_PREDICT.xlsx', 'dpd');

		const computed = await computeAnalysis(dpdModule, null);
		expect(computed?.automaticWindow).toEqual(['2026-09', '2026-10', '2026-11', '2026-12']);
		expect(computed?.analysis.summary).toMatchObject({
			billedLines: 150,
			matchedLines: 138,
			duplicateExtraLines: 6
		});
		// Predict lines come first whatever the upload order (the legacy's concatenation).
		expect(computed?.analysis.lines[0].line.source.slot).toBe('predict');

		const narrow = await computeAnalysis(dpdModule, ['2026-11']);
		expect(narrow?.analysis.window).toEqual(['2026-11']);
		expect(narrow!.analysis.summary.matchedLines).toBeLessThan(138);

		expect(await archiveAnalysis(dpdModule, pageSpec(dpdModule), computed!)).toBe(true);
		const [record] = await db.library.toArray();
		expect(record).toMatchObject({
			module: 'dpd',
			period: '2026-11',
			rowCount: 150,
			title: 'DPD — Novembre 2026'
		});
		const result = record.result as ArchivedAnalysis;
		expect(result.tables.map((t) => t.id)).toEqual([
			'synthese',
			'detail',
			'supplements',
			'retours',
			'flags',
			'unmatched',
			'conflicts',
			'costs'
		]);
		expect(result.tables.find((t) => t.id === 'synthese')?.rows).toHaveLength(9);
		expect(result.kpis.find((k) => k.label === 'Prix Total')?.value).toBe('1 461,05 €');
		expect(result.files.map((f) => f.fileName).sort()).toEqual(['DPD_CLASSIC.xlsx', 'DPD_PREDICT.xlsx']);
		// Files named by content (valid on every device of a team), never by this device's dataset ids.
		const datasets = await db.datasets('dpd').toArray();
		const bySha = (a: { sha256?: string }, b: { sha256?: string }) => (a.sha256! < b.sha256! ? -1 : 1);
		const named = datasets.map((d) => ({ sha256: d.sha256, fileName: d.fileName })).sort(bySha);
		expect([...record.sources].sort(bySha)).toEqual(named);
		expect(result.files.map(({ sha256, fileName }) => ({ sha256, fileName })).sort(bySha)).toEqual(named);
		for (const f of result.files) expect(f).not.toHaveProperty('datasetId');
	});

	it('gives an empty analysis, not an error, when nothing is stored', async () => {
		const computed = await computeAnalysis(dpdModule, null);
		expect(computed?.analysis.lines).toEqual([]);
		expect(computed?.analysis.summary.unmatchedRate).toBe(0);
		expect(notifications.items.filter((n) => n.kind === 'error')).toEqual([]);
	});
});
