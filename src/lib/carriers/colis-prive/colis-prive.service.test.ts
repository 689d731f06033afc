import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import answers from '../../../../tests/fixtures/colis-prive/answers.colis-prive.json';
import { db } from '$lib/db/pilot-db';
import { packParsed, parseBytes } from '$lib/intake/intake.core';
import { storeParsed } from '$lib/intake/intake.service';
import { notifications } from '$lib/state/notifications.svelte';
import { computeAnalysis } from '../pipeline/carrier.service';
import { colisPriveModule } from './colis-prive.module';

vi.mock('$lib/backup/snapshots.service', () => ({ noteSignificantChange: () => {} }));

async function store(
	storeName: 'colisPrive' | 'logisticiens',
	slot: string,
	fileName: string,
	bytes: Uint8Array<ArrayBuffer>,
	parser: string
) {
	const parsed = await packParsed(parseBytes(bytes, fileName, parser));
	return storeParsed(storeName, slot, parsed, new Blob([bytes]));
}

const fixture = (path: string) => new Uint8Array(readFileSync(`tests/fixtures/${path}`));

/** The fixture invoice in the legacy's 4-column layout (no "Date" column), as the legacy spec describes it. */
function undatedInvoice(): Uint8Array<ArrayBuffer> {
	const text = new TextDecoder().decode(fixture('colis-prive/COLIS_PRIVE_202611.csv'));
	const keep = [0, 2, 4, 6]; // Tracking, Code Postal, Poids facturé, Majoration service
	const lines = text
		.split(/\r?\n/)
		.filter(Boolean)
		.map((l) => keep.map((i) => l.split(';')[i]).join(';'));
	return new TextEncoder().encode(lines.join('\r\n'));
}

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
	notifications.clear();
});

describe('Colis Privé on stored records', () => {
	it('recomputes the fixture analysis from the stored invoice and 3PL files', async () => {
		for (const m of ['09', '10', '11'])
			await store('logisticiens', '3pl', `LOG_2026_${m}.xlsx`, fixture(`3pl/LOG_2026_${m}.xlsx`), '3pl');
		await store(
			'colisPrive',
			'facture',
			'COLIS_PRIVE_202611.csv',
			fixture('colis-prive/COLIS_PRIVE_202611.csv'),
			'colis-prive'
		);
		const computed = await computeAnalysis(colisPriveModule, null);
		expect(computed?.automaticWindow).toEqual(['2026-09', '2026-10', '2026-11']);
		expect(computed?.analysis.summary).toMatchObject({
			billedLines: answers.lines,
			matchedLines: answers.matched_lines,
			duplicateExtraLines: answers.duplicate_extra_lines,
			overweightLines: answers.overweight_lines
		});
	});

	// Without any date the automatic window used to be empty: every line NON ATTRIBUÉ. The legacy took
	// the 3 most recent 3PL files; so does the rebuild, and the page says so.
	it('crosses an invoice without dates with the 3 latest 3PL periods', async () => {
		for (const m of ['09', '10', '11'])
			await store('logisticiens', '3pl', `LOG_2026_${m}.xlsx`, fixture(`3pl/LOG_2026_${m}.xlsx`), '3pl');
		await store('colisPrive', 'facture', 'colis_prive.csv', undatedInvoice(), 'colis-prive');
		const computed = await computeAnalysis(colisPriveModule, null);
		expect(computed?.analysis.summary.dateRange).toBeNull();
		expect(computed?.automaticWindow).toEqual(['2026-09', '2026-10', '2026-11']);
		expect(computed?.analysis.summary.matchedLines).toBe(answers.matched_lines);
		expect(computed?.analysis.result.stats.majorationsCents).toBe(
			Math.round(answers.majorations_total * 100)
		);
	});
});
