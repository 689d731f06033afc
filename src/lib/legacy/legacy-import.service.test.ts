import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('$lib/backup/snapshots.service', () => ({
	noteSignificantChange: vi.fn(),
	takeSafetySnapshot: vi.fn(async () => 'snapshot-id'),
	restoreSnapshot: vi.fn(async () => true)
}));

// Node has no Worker: the intake worker's own functions run inline, the rest of the intake as in the app.
vi.mock('$lib/intake/intake.service', async (actual) => {
	const real = await actual<typeof import('$lib/intake/intake.service')>();
	const { packParsed, parseBytes } = await import('$lib/intake/intake.core');
	return {
		...real,
		parseInWorker: async (file: File, parser: string, opts: { signal?: AbortSignal } = {}) => {
			const { PilotError } = await import('$lib/i18n/errors');
			if (opts.signal?.aborted) throw new PilotError('cancelled');
			return packParsed(parseBytes(new Uint8Array(await file.arrayBuffer()), file.name, parser));
		}
	};
});

import { restoreSnapshot, takeSafetySnapshot } from '$lib/backup/snapshots.service';
import { db } from '$lib/db/pilot-db';
import { datasetRows } from '$lib/intake/datasets.repository';
import { notifications } from '$lib/state/notifications.svelte';
import { importLegacy, undoLegacyImport } from './legacy-import.service';
import { buildPlan, importable, READ_PICKLES } from './legacy.plan';
import { truthContent, VERSIONS } from './legacy.testing';

const planOf = (v: (typeof VERSIONS)[number]) =>
	buildPlan(truthContent(v, READ_PICKLES), { now: Date.UTC(2027, 0, 15), by: 'Camille' });

const periods = async (store: 'logisticiens') =>
	(await db.datasets(store).toArray()).map((d) => [d.fileName, d.period, d.importedAt]).sort();

describe('importing an old-app backup', () => {
	beforeEach(async () => {
		await Promise.all(db.tables.map((t) => t.clear()));
		notifications.clear();
		vi.mocked(takeSafetySnapshot).mockClear();
	});

	it.each(VERSIONS)(
		'pandas %s: everything comes over, originals through the intake, archives re-created',
		async (v) => {
			const plan = planOf(v);
			const result = await importLegacy(plan, { modules: importable(plan), mode: 'merge' });
			expect(takeSafetySnapshot).toHaveBeenCalledTimes(1);
			expect(result).toMatchObject({
				snapshotId: 'snapshot-id',
				claims: 12,
				manual: 5,
				clients: 5,
				cancelled: false
			});
			expect(result!.filesFailed).toEqual([]);
			expect(result!.files).toBe(10);
			expect(await db.claims.count()).toBe(12);
			expect(await periods('logisticiens')).toEqual([
				['LOG_2026_09.xlsx', '2026-09', Date.UTC(2026, 10, 12, 9, 12, 31)],
				['LOG_2026_10.xlsx', '2026-10', Date.UTC(2026, 10, 12, 9, 12, 31)],
				['LOG_2026_11.xlsx', '2026-11', Date.UTC(2026, 11, 1, 8, 57, 2)]
			]);
			const slots = async (store: 'dpd' | 'colissimo' | 'mondialRelay' | 'colisPrive' | 'retours') =>
				(await db.datasets(store).toArray()).map((d) => `${d.slot}:${d.fileName}`).sort();
			expect(await slots('dpd')).toEqual(['classic:DPD_CLASSIC.xlsx', 'predict:DPD_PREDICT.xlsx']);
			expect(await slots('colissimo')).toEqual(['facture:FACTURE_COLISSIMO_202611.csv']);
			expect(await slots('mondialRelay')).toEqual(['retours:RETOURS_MONDIAL_RELAY_202611.csv']);
			expect(await slots('colisPrive')).toEqual(['facture:COLIS_PRIVE_202611.csv']);
			expect(await slots('retours')).toEqual(['export:retours_export_202611.csv']);
			const [attendus] = await db.datasets('attendus').toArray();
			expect((await datasetRows('attendus', attendus.id)).length).toBe(79);
			// Each old archive whose files came over, re-created under its old period.
			const archives = (await db.library.toArray()).map((a) => `${a.module} ${a.period}`).sort();
			expect(archives).toEqual(
				plan.archives
					.filter((a) => a.recoverable)
					.map((a) => `${a.module} ${a.period}`)
					.sort()
			);
			expect(archives).toHaveLength(5);
		}
	);

	it('a second merge of the same backup adds nothing; a replace puts the same data back once', async () => {
		const plan = planOf('3.0.6');
		await importLegacy(plan, { modules: importable(plan), mode: 'merge' });
		const again = await importLegacy(planOf('3.0.6'), { modules: importable(plan), mode: 'merge' });
		expect(again).toMatchObject({ claims: 0, claimsSkipped: 12, manual: 0, clients: 0, files: 0 });
		expect(again!.filesPresent).toHaveLength(10);
		expect(await db.claims.count()).toBe(12);
		const replaced = await importLegacy(planOf('3.0.6'), {
			modules: ['indemnisations', 'dpd'],
			mode: 'replace'
		});
		expect(replaced).toMatchObject({ claims: 12, files: 2 });
		expect(await db.claims.count()).toBe(12);
		expect(await db.datasets('dpd').count()).toBe(2);
		expect(await db.datasets('logisticiens').count()).toBe(3);
	});

	it('imports only the chosen modules, and a cancel stops before the next file', async () => {
		const plan = planOf('1.5.3');
		const stop = new AbortController();
		const result = await importLegacy(
			plan,
			{ modules: ['attendus', 'logisticiens'], mode: 'merge' },
			{
				signal: stop.signal,
				onProgress: (p) => {
					if (p.done === 1) stop.abort();
				}
			}
		);
		expect(result).toMatchObject({ claims: 0, manual: 5, files: 1, cancelled: true });
		expect(await db.claims.count()).toBe(0);
		expect(await db.datasets('logisticiens').count()).toBe(1);
		expect(notifications.items.at(-1)?.text).toContain("« Annuler l'import »");
	});

	it('« Annuler l’import » restores the safety snapshot taken first', async () => {
		expect(await undoLegacyImport('snapshot-id')).toBe(true);
		expect(restoreSnapshot).toHaveBeenCalledWith('snapshot-id');
	});
});
