import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DatasetRecord } from '$lib/db/records';
import type { ParsedUpload } from '$lib/intake/intake.core';
import type { ParseOptions } from '$lib/intake/intake.service';
import { PilotError } from '$lib/i18n/errors';
import { activity } from '$lib/state/activity.svelte';

/** Each file read waits for the test to finish it, as the intake worker would; the signal cancels it. */
const reads = vi.hoisted(
	() => new Map<string, { opts: ParseOptions; finish: (p: unknown) => void; fail: (e: unknown) => void }>()
);
vi.mock('$lib/intake/intake.service', () => ({
	parseInWorker: (file: File, _parser: string, opts: ParseOptions) =>
		new Promise((finish, fail) => {
			reads.set(file.name, { opts, finish, fail });
			opts.signal?.addEventListener('abort', () => fail(new PilotError('cancelled')));
		}),
	alreadyImported: async (_store: string, parsed: ParsedUpload) =>
		parsed.sha256 === 'known'
			? new PilotError('already-imported', { file: parsed.fileName, at: 'hier' })
			: null
}));
const saveThreePL = vi.hoisted(() => vi.fn());
vi.mock('./logisticiens.service', () => ({ saveThreePL }));

const { ThreePLImportManager } = await import('./threepl-import-manager.svelte');

function parsed(
	fileName: string,
	opts: { period?: string | null; bad?: number; sha?: string } = {}
): ParsedUpload {
	return {
		fileName,
		size: 10,
		sha256: opts.sha ?? fileName,
		crc32: 0,
		parser: '3pl',
		chunks: [],
		result: {
			rowCount: 3,
			columns: [],
			dateRange: ['2026-11-02', '2026-11-28'],
			period: opts.period === undefined ? '2026-11' : opts.period,
			errors: Array.from({ length: opts.bad ?? 0 }, (_, i) => ({ line: i + 2, message: 'illisible' })),
			meta: { perCarrier: { DPD: 2, DHL: 1 }, missingColumns: ['Pays destination'] }
		}
	};
}

const file = (name: string) => new File(['x'], name);

/** Lets the queue take its next step (the mocked reads and checks resolve in microtasks). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let queue: InstanceType<typeof ThreePLImportManager>;
beforeEach(() => {
	reads.clear();
	saveThreePL.mockReset();
	queue = new ThreePLImportManager();
});

describe('the 3PL import queue', () => {
	it('reads queued files one at a time, with progress, and reviews each', async () => {
		const drained = queue.add([file('a.xlsx'), file('b.csv')]);
		expect(queue.pending.map((p) => [p.file.name, p.status])).toEqual([
			['a.xlsx', 'reading'],
			['b.csv', 'waiting']
		]);
		expect(queue.reading).toBe(true);
		expect(activity.busy).toBe('Lecture de fichiers logisticiens');
		expect(reads.has('b.csv')).toBe(false);

		reads.get('a.xlsx')!.opts.onProgress!({ phase: 'parse', done: 1, total: 2 });
		expect(queue.progress).toEqual({ label: 'Analyse des lignes — a.xlsx', done: 63, total: 100 });

		reads.get('a.xlsx')!.finish(parsed('a.xlsx'));
		await settle();
		expect(queue.pending[0]).toMatchObject({ status: 'ready', period: '2026-11' });
		expect(queue.pending[0].summary).toEqual({
			rows: 3,
			dateRange: ['2026-11-02', '2026-11-28'],
			detected: '2026-11',
			errors: [],
			carriers: [
				['DHL', 1],
				['DPD', 2]
			],
			missingColumns: ['Pays destination']
		});
		expect(queue.pending[1].status).toBe('reading');

		reads.get('b.csv')!.finish(parsed('b.csv', { period: null }));
		await drained;
		expect(queue.reading).toBe(false);
		expect(queue.progress).toBeNull();
		expect(activity.busy).toBeNull();
		// No month detected: the file waits for the user's choice before it can be saved.
		expect(queue.toSave.map((p) => p.file.name)).toEqual(['a.xlsx']);
		queue.setPeriod(queue.pending[1].key, '2026-10');
		expect(queue.toSave).toHaveLength(2);
	});

	it('tells an unreadable or already imported file in its row, and keeps reading the next', async () => {
		const drained = queue.add([file('bad.csv'), file('twice.xlsx')]);
		reads.get('bad.csv')!.fail(new PilotError('empty-file', { file: 'bad.csv' }));
		await settle();
		reads.get('twice.xlsx')!.finish(parsed('twice.xlsx', { sha: 'known' }));
		await drained;
		expect(queue.pending.map((p) => p.status)).toEqual(['error', 'duplicate']);
		expect(queue.pending[0].message).toContain('« bad.csv »');
		expect(queue.pending[1].message).toContain('déjà importé');
		expect(queue.savable).toEqual([]);
	});

	it('"Annuler" stops the file being read and drops the waiting ones: nothing is saved', async () => {
		const drained = queue.add([file('big.xlsx'), file('next.xlsx')]);
		queue.cancel();
		await drained;
		expect(queue.pending).toEqual([]);
		expect(queue.results).toEqual([{ ok: false, text: "Lecture annulée : rien n'a été enregistré." }]);
		expect(reads.has('next.xlsx')).toBe(false);
		expect(activity.busy).toBeNull();
	});

	it('saves the files ready to save, with progress; a file with bad lines only when the user skips them', async () => {
		const drained = queue.add([file('ok.xlsx'), file('bad.csv')]);
		reads.get('ok.xlsx')!.finish(parsed('ok.xlsx'));
		await settle();
		reads.get('bad.csv')!.finish(parsed('bad.csv', { bad: 1 }));
		await drained;
		expect(queue.toSave.map((p) => p.file.name)).toEqual(['ok.xlsx']);
		queue.setSkipBad(queue.pending[1].key, true);
		expect(queue.toSave).toHaveLength(2);

		saveThreePL.mockImplementation(
			async (p: ParsedUpload, _original: Blob, period: string, skip: boolean, onProgress) => {
				onProgress({ phase: 'save', done: 1, total: 2 });
				expect(queue.progress).toEqual({ label: `Enregistrement — ${p.fileName}`, done: 96, total: 100 });
				expect(queue.saving).toBe(true);
				return {
					fileName: p.fileName,
					period,
					rowCount: skip ? 2 : 3,
					skipped: skip ? [{ line: 2, reason: 'illisible' }] : []
				} as Partial<DatasetRecord>;
			}
		);
		await queue.save();
		expect(saveThreePL.mock.calls.map((c) => [c[0].fileName, c[2], c[3]])).toEqual([
			['ok.xlsx', '2026-11', false],
			['bad.csv', '2026-11', true]
		]);
		expect(queue.pending).toEqual([]);
		expect(queue.saving).toBe(false);
		expect(queue.progress).toBeNull();
		expect(queue.results).toEqual([
			{ ok: true, text: '✅ ok.xlsx → Novembre 2026 (3 lignes)' },
			{ ok: true, text: '✅ bad.csv → Novembre 2026 (2 lignes, 1 ligne ignorée)' }
		]);
	});

	it('keeps a file whose save failed in the list, and says so', async () => {
		const drained = queue.add([file('a.xlsx')]);
		reads.get('a.xlsx')!.finish(parsed('a.xlsx'));
		await drained;
		saveThreePL.mockResolvedValue(undefined);
		await queue.save();
		expect(queue.pending.map((p) => p.status)).toEqual(['ready']);
		expect(queue.results).toEqual([
			{ ok: false, text: '❌ a.xlsx → Erreur de sauvegarde (voir le message ci-dessus)' }
		]);
		queue.remove(queue.pending[0].key);
		expect(queue.pending).toEqual([]);
	});
});
