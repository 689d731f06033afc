/**
 * What long operation the app is running right now (a restore, a backup…), so that app-wide
 * features can wait: the update prompt never reloads the page in the middle of a restore.
 */
class Activity {
	/** French label of the running operation, or null when idle. */
	busy = $state<string | null>(null);

	begin(label: string): void {
		this.busy = label;
	}

	end(): void {
		this.busy = null;
	}

	/** Runs `fn` marked busy, and clears the flag however it ends. */
	async run<T>(label: string, fn: () => Promise<T>): Promise<T> {
		this.begin(label);
		try {
			return await fn();
		} finally {
			this.end();
		}
	}
}

export const activity = new Activity();
