/**
 * syncFullMs and ratios.syncOverRawReplication: a local pouchdb-server (in memory, loopback only, as the
 * e2e tests use) holds the team database that one page seeds; a fresh page then times its first full
 * sync (ours: replication + bridge into Dexie) and a bare PouchDB replication of the same documents.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const SYNC = { claims: 10_000, files: 50, fileBytes: 100_000 };
/** --quick: a tenth of the claims and files (seeding and both syncs were half of a quick run's time). */
export const SYNC_QUICK = { claims: 1_000, files: 5, fileBytes: 100_000 };

async function waitUp(url, tries = 100) {
	for (let i = 0; i < tries; i++) {
		const ok = await fetch(url).then(
			(r) => r.ok,
			() => false
		);
		if (ok) return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`${url} did not start`);
}

/** Starts the test server on `port`; returns its base URL and a stop function. */
async function startServer(port) {
	const script = fileURLToPath(new URL('../scripts/sync-test-server.mjs', import.meta.url));
	const child = spawn(process.execPath, [script], {
		env: { ...process.env, PILOT_SYNC_PORT: String(port) },
		stdio: 'ignore'
	});
	const url = `http://127.0.0.1:${port}`;
	await waitUp(`${url}/`);
	return { url, stop: () => child.kill('SIGTERM') };
}

/**
 * @param {{ sizes: typeof SYNC, openPage: () => Promise<any>, runCase: Function, reps: number, port: number, log: Function }} ctx
 * @returns {Promise<{ syncFull: object[], rawReplication: object[] }>}
 */
export async function syncBench({ sizes, openPage, runCase, reps, port, log }) {
	const server = await startServer(port);
	const out = { syncFull: [], rawReplication: [] };
	try {
		const remote = `${server.url}/bench-team`;
		await fetch(remote, { method: 'PUT' });
		log(`sync: seeding ${sizes.claims} claims and ${sizes.files} files`);
		const seeder = await openPage();
		const seeded = await seeder.page.evaluate(
			([u, c, f, b]) => window.bench.syncSeed(u, c, f, b),
			[remote, sizes.claims, sizes.files, sizes.fileBytes]
		);
		await seeder.context.close();
		for (let rep = 0; rep < reps; rep++) {
			const p = await openPage();
			out.syncFull.push(await runCase(p, 'syncFull', 'syncFull', remote, sizes.claims, sizes.files));
			out.rawReplication.push(await runCase(p, 'rawReplication', 'rawReplication', remote, seeded.docs));
			await p.context.close();
		}
	} finally {
		server.stop();
	}
	return out;
}
