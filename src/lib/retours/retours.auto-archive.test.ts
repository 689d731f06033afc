import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '$lib/db/pilot-db';
import { packParsed, parseBytes } from '$lib/intake/intake.core';
import { storeParsed } from '$lib/intake/intake.service';
import { setAutoArchive } from '$lib/settings/settings.repository';
import { notifications } from '$lib/state/notifications.svelte';
import { loadRetoursAnalysis, retoursDatasets } from './retours.repository';
import { archiveRetours, autoArchiveRetours } from './retours.service';

// The real safety snapshot; only the debounced automatic one is left out.
vi.mock('$lib/backup/snapshots.service', async (original) => ({
	...(await original<typeof import('$lib/backup/snapshots.service')>()),
	noteSignificantChange: () => {}
}));

const NAME = 'retours_export_202611.csv';
const bytes = new Uint8Array(readFileSync(`tests/fixtures/retours/${NAME}`));

async function store(name: string, data: Uint8Array<ArrayBuffer>) {
	return storeParsed(
		'retours',
		'export',
		await packParsed(parseBytes(data, name, 'retours')),
		new Blob([data])
	);
}

/** The fixture without its last return line: another export of the same month. */
function shorter(): Uint8Array<ArrayBuffer> {
	const lines = new TextDecoder().decode(bytes).trimEnd().split('\n');
	return new TextEncoder().encode(lines.slice(0, -1).join('\n') + '\n');
}

const novemberArchives = () =>
	db.library
		.where('module')
		.equals('retours')
		.filter((r) => r.period === '2026-11')
		.toArray();

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
	notifications.clear();
});

describe('automatic archiving of the Retours analysis (issue 13 item 14)', () => {
	it('is off by default: nothing is archived', async () => {
		await store(NAME, bytes);
		expect(await autoArchiveRetours(await loadRetoursAnalysis(), await retoursDatasets())).toBe(false);
		expect(await db.library.count()).toBe(0);
	});

	it('archives each analysis for its period, replacing the previous Retours archive of that period after a safety snapshot', async () => {
		await setAutoArchive(true);
		await store(NAME, bytes);
		// A manual archive of another period, and a carrier's archive of the same period, are kept.
		expect(await archiveRetours(await loadRetoursAnalysis(), await retoursDatasets(), '2026-10')).toBe(true);
		await db.library.add({ id: 'other', module: 'dpd', period: '2026-11' } as never);

		expect(await autoArchiveRetours(await loadRetoursAnalysis(), await retoursDatasets())).toBe(true);
		expect(await db.snapshots.count()).toBe(0);
		const [first] = await novemberArchives();
		expect(first).toMatchObject({ title: 'Retours — Novembre 2026', rowCount: 55 });

		await store('retours_export_202611_bis.csv', shorter());
		expect(await autoArchiveRetours(await loadRetoursAnalysis(), await retoursDatasets())).toBe(true);
		const november = await novemberArchives();
		expect(november).toHaveLength(1);
		expect(november[0].id).not.toBe(first.id);
		// Its files named by content, valid on every device of a team (not this device's dataset ids).
		const files = await retoursDatasets();
		expect(november[0].sources).toEqual(
			expect.arrayContaining(files.map((d) => ({ sha256: d.sha256, fileName: d.fileName })))
		);
		expect(november[0].sources.map((s) => s.fileName).sort()).toEqual([
			NAME,
			'retours_export_202611_bis.csv'
		]);
		expect((await db.library.toArray()).map((r) => `${r.module} ${r.period}`).sort()).toEqual([
			'dpd 2026-11',
			'retours 2026-10',
			'retours 2026-11'
		]);
		const [snapshot] = await db.snapshots.toArray();
		expect(snapshot).toMatchObject({
			kind: 'safety',
			reason: "Avant remplacement de l'archive « Retours — Novembre 2026 »"
		});
		expect(snapshot.tables.library).toBe(3);
		expect(notifications.items.at(-1)?.text).toContain('à la place de la précédente');
	});
});
