/**
 * The worker's message protocol, run in Node: `self` stands in for the worker scope, so the real
 * worker module answers a request and every message (and what it transfers) can be checked.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { unpackRows } from '$lib/db/chunk-codec';
import type { IntakeMessage, IntakeRequest } from './intake.worker';

const posted: { message: IntakeMessage; transfer: Transferable[] }[] = [];
let handle: (event: { data: IntakeRequest }) => Promise<void>;

beforeAll(async () => {
	const scope = {
		postMessage: (message: IntakeMessage, transfer: Transferable[]) => posted.push({ message, transfer }),
		onmessage: null as unknown as typeof handle
	};
	Object.assign(globalThis, { self: scope });
	await import('./intake.worker');
	handle = scope.onmessage;
});

function request(rows: number, pack: boolean): IntakeRequest {
	const lines = Array.from({ length: rows }, (_, i) => `CAFE PIERROT;DHL;${1e9 + i};0${1 + (i % 9)}/11/2026`);
	const text = `Nom du partenaire;Transporteur;Numéro de tracking;Date d’expédition\n${lines.join('\n')}\n`;
	const bytes = new TextEncoder().encode(text);
	return { bytes: bytes.buffer, fileName: 'export.csv', parser: '3pl', pack };
}

const ofType = <T extends IntakeMessage['type']>(type: T) =>
	posted.filter((p) => p.message.type === type) as {
		message: Extract<IntakeMessage, { type: T }>;
		transfer: Transferable[];
	}[];

describe('intake worker', () => {
	it('posts each packed chunk with its bytes transferred, then the summary without rows', async () => {
		posted.length = 0;
		await handle({ data: request(2500, true) });
		const chunks = ofType('chunk');
		expect(chunks.map((c) => c.message.rowCount)).toEqual([2000, 500]);
		for (const { message, transfer } of chunks) expect(transfer).toEqual([message.data.buffer]);
		const rows = (await Promise.all(chunks.map((c) => unpackRows(c.message.data)))).flat();
		expect(rows.map((r) => r._line)).toEqual(Array.from({ length: 2500 }, (_, i) => i + 2));
		expect(rows[0]).toMatchObject({ partner: 'CAFE PIERROT', tracking: '1000000000' });
		const [done] = ofType('done');
		expect(posted.at(-1)).toBe(done);
		expect(done.message.parsed.result).toMatchObject({ rowCount: 2500, period: '2026-11' });
		expect(done.message.parsed.result).not.toHaveProperty('rows');
		expect(ofType('progress').some((p) => p.message.progress.phase === 'pack')).toBe(true);
	});

	it('with pack: false, only parses and counts: no chunk posted', async () => {
		posted.length = 0;
		await handle({ data: request(2500, false) });
		expect(ofType('chunk')).toEqual([]);
		expect(ofType('progress').some((p) => p.message.progress.phase === 'pack')).toBe(false);
		expect(ofType('done')[0].message.parsed.result.rowCount).toBe(2500);
	});

	it('reports a parser error with its code and details', async () => {
		posted.length = 0;
		await handle({ data: { ...request(1, true), bytes: new TextEncoder().encode('a;b\n').buffer } });
		expect(posted.map((p) => p.message.type)).not.toContain('chunk');
		expect(posted.at(-1)?.message).toMatchObject({
			type: 'error',
			code: 'missing-column',
			details: { file: 'export.csv', found: 'a, b' }
		});
	});
});
