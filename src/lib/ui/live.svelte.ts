import { liveQuery } from 'dexie';
import { handleError } from '$lib/state/notifications.svelte';

/**
 * A Dexie live query as a rune: `current` updates whenever the tables it read change,
 * in this tab or another. `dependencies` re-runs the query when reactive inputs change.
 * A failing read is told to the user (role="alert", once until it reads again) and kept in `error`.
 */
export function live<T>(
	querier: () => T | Promise<T>,
	dependencies?: () => unknown[]
): { current?: T; error?: string } {
	const query = $state<{ current?: T; error?: string }>({ current: undefined });
	$effect(() => {
		dependencies?.();
		return liveQuery(querier).subscribe({
			next: (result) => {
				query.error = undefined;
				if (result !== undefined) query.current = result;
			},
			error: (err) => {
				if (query.error === undefined) query.error = handleError(err, 'Lecture des données enregistrées');
			}
		}).unsubscribe;
	});
	return query;
}
