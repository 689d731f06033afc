import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { db } from '$lib/db/pilot-db';
import { datasetRows } from '$lib/intake/datasets.repository';
import { packParsed, parseBytes } from '$lib/intake/intake.core';
import { storeParsed } from '$lib/intake/intake.service';
import { notifications } from '$lib/state/notifications.svelte';
import { deleteInvoice } from './upload.service';

vi.mock('$lib/backup/snapshots.service', () => ({ noteSignificantChange: () => {} }));

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
	notifications.clear();
});

describe('upload service', () => {
	it('deletes a file with its rows, and "Annuler" puts them back', async () => {
		const bytes = new Uint8Array(readFileSync('tests/fixtures/dpd/DPD_PREDICT.xlsx'));
		const parsed = await packParsed(parseBytes(bytes, 'DPD_PREDICT.xlsx', 'dpd'));
		const dataset = await storeParsed('dpd', 'predict', parsed, new Blob([bytes]));
		const rows = await datasetRows('dpd', dataset.id);

		expect(await deleteInvoice({ store: 'dpd', label: 'DPD' }, dataset)).toBe(true);
		expect(await db.datasets('dpd').count()).toBe(0);
		expect(await db.chunks('dpd').count()).toBe(0);
		const undo = notifications.items.at(-1)?.action;
		expect(undo?.label).toBe('Annuler');
		await undo!.run();
		expect(await db.datasets('dpd').toArray()).toEqual([dataset]);
		expect(await datasetRows('dpd', dataset.id)).toEqual(rows);
	});
});
