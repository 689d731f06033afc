import { activity } from '$lib/state/activity.svelte';

/**
 * The export being built, shown app-wide with its progress bar and « Annuler » (ExportProgress.svelte).
 * One at a time: a new export cancels the one before.
 */
class ExportProgress {
	/** French label of the running export, or null when none runs. */
	label = $state<string | null>(null);
	done = $state(0);
	/** 0 while not known: the bar is indeterminate. */
	total = $state(0);
	#controller: AbortController | null = null;

	async run<T>(
		label: string,
		build: (signal: AbortSignal, progress: (done: number, total: number) => void) => Promise<T>
	): Promise<T> {
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		this.label = label;
		this.done = 0;
		this.total = 0;
		const progress = (done: number, total: number) => {
			if (this.#controller !== controller) return;
			this.done = done;
			this.total = total;
		};
		try {
			return await activity.run(label, () => build(controller.signal, progress));
		} finally {
			if (this.#controller === controller) {
				this.#controller = null;
				this.label = null;
			}
		}
	}

	cancel(): void {
		this.#controller?.abort();
	}
}

export const exportProgress = new ExportProgress();
