import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { db } from '$lib/db/pilot-db';
import { packParsed, parseBytes } from '$lib/intake/intake.core';
import { storeParsed } from '$lib/intake/intake.service';
import { setAutoArchive } from '$lib/settings/settings.repository';
import { notifications } from '$lib/state/notifications.svelte';
import { dpdModule } from '../dpd/dpd.module';
import { archiveAnalysis, autoArchiveAnalysis, computeAnalysis } from './carrier.service';
import { pageSpec } from './common.tabs';

// The real safety snapshot; only the debounced automatic one is left out.
vi.mock('$lib/backup/snapshots.service', async (original) => ({
	...(await original<typeof import('$lib/backup/snapshots.service')>()),
	noteSignificantChange: () => {}
}));

async function store(slot: string, path: string) {
	const bytes = new Uint8Array(readFileSync(`tests/fixtures/${path}`));
	const parsed = await packParsed(parseBytes(bytes, path.split('/').pop()!, 'dpd'));
	return storeParsed('dpd', slot, parsed, new Blob([bytes]));
}

const spec = pageSpec(dpdModule);

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
	notifications.clear();
});

describe('automatic archiving (issue 13 item 14)', () => {
	it('is off by default: nothing is archived', async () => {
		await store('predict', 'dpd/DPD_PREDICT.xlsx');
		expect(await autoArchiveAnalysis(dpdModule, spec, (await computeAnalysis(dpdModule, null))!)).toBe(false);
		expect(await db.library.count()).toBe(0);
	});

	it('archives each analysis for its period, replacing the previous archive of that module and period after a safety snapshot', async () => {
		await setAutoArchive(true);
		await store('predict', 'dpd/DPD_PREDICT.xlsx');
		const first = (await computeAnalysis(dpdModule, null))!;
		// A manual archive of another period, and another module's archive of the same period, are kept.
		expect(await archiveAnalysis(dpdModule, spec, first, '2026-10')).toBe(true);
		await db.library.add({ id: 'other', module: 'chronopost', period: '2026-11' } as never);

		expect(await autoArchiveAnalysis(dpdModule, spec, first)).toBe(true);
		expect(await db.snapshots.count()).toBe(0);
		const [auto] = await db.library
			.where('module')
			.equals('dpd')
			.filter((r) => r.period === '2026-11')
			.toArray();
		expect(auto).toMatchObject({ title: 'DPD — Novembre 2026', rowCount: 107 });

		await store('classic', 'dpd/DPD_CLASSIC.xlsx');
		expect(await autoArchiveAnalysis(dpdModule, spec, (await computeAnalysis(dpdModule, null))!)).toBe(true);
		const november = await db.library
			.where('module')
			.equals('dpd')
			.filter((r) => r.period === '2026-11')
			.toArray();
		expect(november).toHaveLength(1);
		expect(november[0].id).not.toBe(auto.id);
		expect(november[0].rowCount).toBe(150);
		expect((await db.library.toArray()).map((r) => `${r.module} ${r.period}`).sort()).toEqual([
			'chronopost 2026-11',
			'dpd 2026-10',
			'dpd 2026-11'
		]);
		// The snapshot holds the archive it replaced: one click brings it back.
		const [snapshot] = await db.snapshots.toArray();
		expect(snapshot).toMatchObject({
			kind: 'safety',
			reason: "Avant remplacement de l'archive « DPD — Novembre 2026 »"
		});
		expect(snapshot.tables.library).toBe(3);
		expect(notifications.items.at(-1)?.text).toContain('à la place de la précédente');
	});
});
