/**
 * Older backup formats, brought up to the current manifest before anything is read. Each step
 * takes a manifest of version N and returns version N+1; a fixture per version lives in
 * tests/fixtures/backup/ and backup-migrations.test.ts restores each one. (Older *schemas* are
 * migrated by the app's own Dexie upgrades: see schema-upgrade.ts.)
 */
import { FORMAT_VERSION, type Manifest } from './backup-format';

const STEPS: Record<number, (manifest: Record<string, unknown>) => Record<string, unknown>> = {
	// Format 2 added binary values as entries (`{"$":"ta","sha256":…}`); a format-1 manifest is the same.
	1: (manifest) => manifest
};

export function migrateManifest(value: Record<string, unknown>): Manifest {
	let manifest = value;
	for (let v = Number(manifest.formatVersion); v < FORMAT_VERSION; v++) {
		const step = STEPS[v];
		if (!step) throw new Error(`Migration du format ${v} absente`);
		manifest = { ...step(manifest), formatVersion: v + 1 };
	}
	return manifest as unknown as Manifest;
}
