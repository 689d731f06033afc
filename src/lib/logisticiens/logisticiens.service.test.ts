import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { db } from '$lib/db/pilot-db';
import { packParsed, parseBytes } from '$lib/intake/intake.core';
import { datasetRows } from '$lib/intake/datasets.repository';
import { storeParsed } from '$lib/intake/intake.service';
import { notifications } from '$lib/state/notifications.svelte';
import { PilotError } from '$lib/i18n/errors';
import { findByTracking, listPeriods, loadLookup, STORE } from './logisticiens.repository';
import { deletePeriod, saveThreePL } from './logisticiens.service';
import type { ThreePLRow } from './threepl.types';

/** A fixture as the intake worker hands it to the page: summary and packed chunks. */
async function fixture(name: string) {
	const bytes = new Uint8Array(readFileSync(`tests/fixtures/3pl/${name}`));
	return { parsed: await packParsed(parseBytes(bytes, name, '3pl')), blob: new Blob([bytes]) };
}

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
	notifications.clear();
});

describe('3PL library', () => {
	it('stores each file once, in chunks, and refuses the same bytes twice', async () => {
		const { parsed, blob } = await fixture('LOG_2026_11.xlsx');
		const dataset = await storeParsed(STORE, '3pl', parsed, blob);
		expect(dataset.rowCount).toBe(467);
		expect(dataset.period).toBe('2026-11');
		expect(await db.chunks(STORE).count()).toBe(1);
		const rows = await datasetRows<ThreePLRow>(STORE, dataset.id);
		expect(rows).toHaveLength(467);
		expect(rows.map((r) => r._line)).toEqual([...rows.keys()].map((i) => i + 2));

		await expect(storeParsed(STORE, '3pl', parsed, blob)).rejects.toMatchObject({ code: 'already-imported' });
		expect(await db.datasets(STORE).count()).toBe(1);
		expect(await db.chunks(STORE).count()).toBe(1);
	});

	it('keeps several files per period and builds the lookup over a window', async () => {
		for (const name of ['LOG_2026_09.xlsx', 'LOG_2026_10.xlsx', 'LOG_2026_11.xlsx']) {
			const { parsed, blob } = await fixture(name);
			await saveThreePL(parsed, blob, parsed.result.period!, false);
		}
		expect(await listPeriods()).toEqual(['2026-11', '2026-10', '2026-09']);
		const all = await loadLookup(['2026-09', '2026-10', '2026-11']);
		expect(all.size).toBe(1163);
		// Re-listed tracking: the November row wins, October's is shown as a conflict.
		expect(all.get('25006026295243')?.period).toBe('2026-11');
		expect(all.conflicts('25006026295243').map((m) => m.period)).toEqual(['2026-11', '2026-10']);
		// Text tracking ending ".0" matches the invoice's number.
		expect(all.get('8986495656')?.partner).toBeTruthy();
		expect((await loadLookup(['2026-09'])).size).toBe(335);
		expect((await findByTracking('6A51623390483'))?.partner).toBe('TERRE DE LIN');
	});

	it('deletes a period and puts it back on "Annuler"', async () => {
		const { parsed, blob } = await fixture('LOG_2026_10.xlsx');
		await saveThreePL(parsed, blob, '2026-10', false);
		expect(await deletePeriod('2026-10')).toBe(true);
		expect(await db.datasets(STORE).count()).toBe(0);
		expect(await db.chunks(STORE).count()).toBe(0);
		expect(await db.snapshots.where('kind').equals('safety').count()).toBe(1);
		const notice = notifications.items.find((n) => n.action);
		expect(notice?.text).toContain('Octobre 2026');
		await notice!.action!.run();
		expect(await db.datasets(STORE).count()).toBe(1);
		expect((await loadLookup(['2026-10'])).size).toBe(367);
	});

	it('rejects a file with bad lines unless the user skips them, and records the skipped lines', async () => {
		const { parsed, blob } = await fixture('LOG_2026_09.xlsx');
		parsed.result.errors.push({ line: 40, message: 'numéro de tracking vide' });
		await expect(storeParsed(STORE, '3pl', parsed, blob)).rejects.toBeInstanceOf(PilotError);
		expect(await db.datasets(STORE).count()).toBe(0);
		const dataset = await storeParsed(STORE, '3pl', parsed, blob, { skipBadLines: true });
		expect(dataset.skipped).toEqual([{ line: 40, reason: 'numéro de tracking vide' }]);
	});

	it('replaces a slot only after a safety snapshot, in one transaction', async () => {
		const first = await fixture('LOG_2026_10.xlsx');
		await storeParsed(STORE, '3pl', first.parsed, first.blob, { period: '2026-10' });
		const second = await fixture('LOG_2026_11.xlsx');
		const dataset = await storeParsed(STORE, '3pl', second.parsed, second.blob, {
			period: '2026-10',
			replace: true
		});
		expect((await db.datasets(STORE).toArray()).map((d) => d.id)).toEqual([dataset.id]);
		expect(await db.chunks(STORE).count()).toBe(1);
		const snapshots = await db.snapshots.where('kind').equals('safety').toArray();
		expect(snapshots).toHaveLength(1);
		expect(snapshots[0].reason).toContain('LOG_2026_10.xlsx');
	});
});
