import { db } from '$lib/db/pilot-db';
import { startChangeTracking } from './change-tracker.svelte';
import { startAutoSnapshots } from './snapshots.service';

/**
 * The backup's app-wide duties, for the root layout's onMount: record when each table changes
 * (diagnostic) and keep at least one automatic snapshot a day while the app is open.
 */
export function startBackupServices(): () => void {
	const stopTracking = startChangeTracking(db.name);
	const stopSnapshots = startAutoSnapshots();
	return () => {
		stopTracking();
		stopSnapshots();
	};
}
