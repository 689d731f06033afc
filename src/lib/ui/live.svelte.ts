import { liveQuery } from 'dexie';

/**
 * A Dexie live query as a rune: `current` updates whenever the tables it read change,
 * in this tab or another. `dependencies` re-runs the query when reactive inputs change.
 */
export function live<T>(querier: () => T | Promise<T>, dependencies?: () => unknown[]): { current?: T } {
	const query = $state<{ current?: T }>({ current: undefined });
	$effect(() => {
		dependencies?.();
		return liveQuery(querier).subscribe({
			next: (result) => {
				if (result !== undefined) query.current = result;
			},
			error: (err) => console.error('Lecture en direct impossible', err)
		}).unsubscribe;
	});
	return query;
}
