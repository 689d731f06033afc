/**
 * The claims workbook import, outside the component: a workbook being imported keeps going when the
 * user leaves the page, and « Import en cours… » shows again on return. Workbooks picked meanwhile wait
 * their turn; each goes through `importClaimsWorkbook`, which reports its own outcome.
 */
import { importClaimsWorkbook } from './claims-import.service';

export class ClaimsImportManager {
	/** Names of the workbooks picked and not yet imported, the one being imported first. */
	queued = $state<string[]>([]);
	readonly busy = $derived(this.queued.length > 0);

	#last: Promise<unknown> = Promise.resolve();

	/** Imports the workbook after those before it; undefined when it was refused (the user is told why). */
	import(file: File): Promise<{ added: number; skipped: number } | undefined> {
		this.queued = [...this.queued, file.name];
		const go = () => importClaimsWorkbook(file);
		const run = this.#last.then(go, go).finally(() => (this.queued = this.queued.slice(1)));
		this.#last = run;
		return run;
	}
}

/** The app's one claims import. */
export const claimsImport = new ClaimsImportManager();
