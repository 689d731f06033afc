import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { errorMessage } from '$lib/i18n/errors';
import { readLegacyZip } from './legacy.read';
import { READ_PICKLES } from './legacy.plan';
import { readTruth, truthContent, VERSIONS, zipPath } from './legacy.testing';

/** A decoder standing for the pickle reader: the truth's value of the pickle, checked by size. */
const truthDecoder = (v: (typeof VERSIONS)[number]) => {
	const truth = readTruth(v);
	const content = truthContent(v, READ_PICKLES);
	const seen: string[] = [];
	const decode = (bytes: Uint8Array, name: string) => {
		expect(bytes.length).toBe(truth.zip_entries.find((e) => e.name === name)!.size);
		seen.push(name);
		return content.pickles[name];
	};
	return { decode, seen };
};

async function refusal(zip: Uint8Array, name: string): Promise<string> {
	const { decode } = truthDecoder('3.0.6');
	try {
		await readLegacyZip(new Blob([zip as Uint8Array<ArrayBuffer>]), name, decode);
	} catch (error) {
		return errorMessage(error);
	}
	throw new Error('accepted');
}

describe.each(VERSIONS)('reading the pandas %s backup ZIP', (v) => {
	it('lists every entry with its size and decodes only the pickles Pilot uses', async () => {
		const { decode, seen } = truthDecoder(v);
		const bytes = readFileSync(zipPath(v));
		const content = await readLegacyZip(new Blob([bytes]), 'backup.zip', decode);
		const truth = readTruth(v);
		expect([...content.entries].sort((a, b) => a.name.localeCompare(b.name))).toEqual(
			truth.zip_entries
				.map((e) => ({ name: e.name, size: e.size }))
				.sort((a, b) => a.name.localeCompare(b.name))
		);
		expect(seen.sort()).toEqual(READ_PICKLES.filter((n) => n in truth.pickles).sort());
		expect((content.metadata as { export_date: string }).export_date).toBe('2026-12-18T17:42:05');
	});
});

describe('refusing what is not an old-app backup', () => {
	it('a metadata.json without any pickle, naming what it found', async () => {
		const zip = zipSync({ 'metadata.json': strToU8('{}'), 'README.txt': strToU8('x') });
		const message = await refusal(zip, 'vide.zip');
		expect(message).toContain('« vide.zip »');
		expect(message).toContain('aucun fichier de données .pkl');
		expect(message).toContain('metadata.json, README.txt');
	});

	it('pickles of another app, naming them', async () => {
		const zip = zipSync({ 'metadata.json': strToU8('{}'), 'data/model.pkl': new Uint8Array([0x80, 4]) });
		const message = await refusal(zip, 'autre.zip');
		expect(message).toContain("ne viennent pas de l'ancienne application");
		expect(message).toContain('data/model.pkl');
	});

	it('an entry that would escape its folder', async () => {
		const zip = zipSync({ 'metadata.json': strToU8('{}'), 'data/../../evil.pkl': new Uint8Array([1]) });
		expect(await refusal(zip, 'evil.zip')).toMatch(/chemin dangereux/);
	});
});
