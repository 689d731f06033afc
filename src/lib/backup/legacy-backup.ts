/**
 * The Streamlit app's backups (`data/*.pkl` + metadata.json) are not Pilot backups: the restore
 * flow hands them to the legacy import (`$lib/legacy`), which reads their pickles as data.
 */

/** Entries of a ZIP without manifest.json that look like an old-app backup (its pickles or its metadata.json). */
export function isLegacyBackup(names: string[]): boolean {
	return names.includes('metadata.json') || names.some((n) => /^data\/[^/]+\.pkl$/.test(n));
}
