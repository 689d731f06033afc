import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readLegacyPickle } from './pickle';
import { readLegacyZip } from './legacy.read';
import { buildPlan, READ_PICKLES, type LegacyPlan } from './legacy.plan';
import { readTruth, truthContent, VERSIONS, zipPath } from './legacy.testing';

const ctx = { now: Date.UTC(2027, 0, 15), by: 'Camille' };

/** What a plan imports, without the random claim ids. */
const imported = (plan: LegacyPlan) => ({
	claims: plan.claims.map(({ id: _id, ...c }) => c),
	manual: plan.manual,
	clients: plan.clients,
	attendusCsv: plan.attendusCsv,
	files: plan.files.map(({ bytes, ...f }) => ({ ...f, size: bytes.length })),
	archives: plan.archives,
	modules: plan.modules,
	ignored: plan.ignored
});

describe.each(VERSIONS)('the real pandas %s backup, read by the pickle reader', (v) => {
	it('imports exactly what its truth describes', async () => {
		const fileName = `pilot_GREENLOG_backup_20261218_174205_pandas-${v}.zip`;
		const content = await readLegacyZip(new Blob([readFileSync(zipPath(v))]), fileName, readLegacyPickle);
		const fromZip = imported(buildPlan(content, ctx));
		expect(fromZip).toEqual(imported(buildPlan(truthContent(v, READ_PICKLES), ctx)));
		// Every original's bytes are the ones the old app received (SHA-256 of the truth).
		const truth = readTruth(v);
		const hashes = JSON.stringify(truth.pickles);
		for (const f of fromZip.files) expect(hashes).toContain(f.sha256);
		expect(fromZip.files).toHaveLength(9);
	});
});
