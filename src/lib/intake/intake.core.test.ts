import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { unpackRows } from '$lib/db/chunk-codec';
import { crc32 } from '$lib/backup/crc32';
import { CHUNK_ROWS, hashBytes, packParsed, parseBytes, type IntakeProgress } from './intake.core';
import { overallPercent } from './progress';

const csv = (text: string) => new TextEncoder().encode(text);

describe('intake core (what the worker runs)', () => {
	it('hashes incrementally to the same SHA-256 and CRC-32 as in one go, reporting progress', () => {
		const bytes = new Uint8Array(3 * (1 << 20) + 17).map((_, i) => i % 251);
		const seen: IntakeProgress[] = [];
		expect(hashBytes(bytes, (p) => seen.push(p))).toEqual({
			sha256: bytesToHex(sha256(bytes)),
			crc32: crc32(bytes)
		});
		expect(seen.map((p) => p.done)).toEqual([1 << 20, 2 << 20, 3 << 20, bytes.length]);
	});

	it('parses a 3PL CSV with every phase reported in order, and the bar only moves forward', () => {
		const text =
			'Nom du partenaire;Transporteur;Numéro de tracking;Date d’expédition;Poids expédition\n' +
			'CAFE PIERROT;DPD;25010000000001.0;02/11/2026;1 200\n' +
			'CAFE PIERROT;DHL;1234567890;03/11/2026;800\n';
		const seen: IntakeProgress[] = [];
		const parsed = parseBytes(csv(text), 'export.csv', '3pl', (p) => seen.push(p));
		expect(parsed.result.rows).toHaveLength(2);
		expect(parsed.result.rows[0]).toMatchObject({ tracking: '25010000000001', weightG: 1200, _line: 2 });
		expect(parsed.result.period).toBe('2026-11');
		expect(parsed.sha256).toBe(bytesToHex(sha256(csv(text))));
		const phases = [...new Set(seen.map((p) => p.phase))];
		expect(phases).toEqual(['hash', 'read', 'parse']);
		const percents = seen.map(overallPercent);
		expect(percents).toEqual([...percents].sort((a, b) => a - b));
	});

	it('packs the rows CHUNK_ROWS at a time, in order, and hands the page no row object', async () => {
		const lines = Array.from(
			{ length: 4500 },
			(_, i) => `CAFE PIERROT;DPD;2501${String(i).padStart(10, '0')};02/11/2026;${i + 1}`
		);
		const text = `Nom du partenaire;Transporteur;Numéro de tracking;Date d’expédition;Poids expédition\n${lines.join('\n')}\n`;
		const parsed = parseBytes(csv(text), 'gros.csv', '3pl');
		const seen: IntakeProgress[] = [];
		const upload = await packParsed(parsed, (p) => seen.push(p));

		expect(upload.result.rowCount).toBe(4500);
		expect(upload.result).not.toHaveProperty('rows');
		expect(upload).toMatchObject({ fileName: 'gros.csv', sha256: parsed.sha256, parser: '3pl' });
		expect(upload.chunks.map((c) => c.rowCount)).toEqual([CHUNK_ROWS, CHUNK_ROWS, 500]);
		const unpacked = await Promise.all(upload.chunks.map((c) => unpackRows(c.data)));
		expect(unpacked.flat()).toStrictEqual(parsed.result.rows);
		expect(seen).toEqual([
			{ phase: 'pack', done: 2000, total: 4500 },
			{ phase: 'pack', done: 4000, total: 4500 },
			{ phase: 'pack', done: 4500, total: 4500 }
		]);
		const percents = seen.map(overallPercent);
		expect(percents[0]).toBeGreaterThan(overallPercent({ phase: 'parse', done: 1, total: 1 }));
		expect(percents.at(-1)).toBeLessThan(overallPercent({ phase: 'save', done: 1, total: 1 }));
	});

	it('refuses a file without data rows and an unknown format', () => {
		expect(() => parseBytes(csv('Nom du partenaire;Numéro de tracking\n'), 'vide.csv', '3pl')).toThrow(
			expect.objectContaining({ code: 'empty-file' })
		);
		expect(() => parseBytes(csv('a'), 'x.csv', 'inconnu')).toThrow();
	});
});
