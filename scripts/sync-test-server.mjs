// The CouchDB-compatible server of the team-sync tests: pouchdb-server, in memory (pure JavaScript:
// no native LevelDB build), its config and log in a temporary folder rather than the repository.
// Port: PILOT_SYNC_PORT, else PILOT_PORT + 1000 (5173 by default). Admin party until the tests set an admin.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function syncTestPort() {
	return Number(process.env.PILOT_SYNC_PORT ?? Number(process.env.PILOT_PORT ?? 4173) + 1000);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const dir = mkdtempSync(join(tmpdir(), 'pilot-couch-'));
	const bin = fileURLToPath(new URL('../node_modules/pouchdb-server/bin/pouchdb-server', import.meta.url));
	const args = [
		'--in-memory',
		'--port',
		String(syncTestPort()),
		'--config',
		join(dir, 'config.json'),
		'--no-stdout-logs'
	];
	const server = spawn(process.execPath, [bin, ...args], { cwd: dir, stdio: 'inherit' });
	const stop = () => server.kill('SIGTERM');
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	server.on('exit', (code) => {
		rmSync(dir, { recursive: true, force: true });
		process.exit(code ?? 0);
	});
}
