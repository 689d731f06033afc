/**
 * The last legacy import of this tab, so that « Annuler l'import » stays one click away while the user
 * checks the imported data on other pages (or reloads) and comes back to « Restaurer ». Kept in the
 * tab's sessionStorage: it names a snapshot, it is not data.
 */
import type { LegacyImportResult } from './legacy-import.service';

const KEY = 'pilot.legacyImport.last';

type Last = { fileName: string; result: LegacyImportResult } | null;

function stored(): Last {
	try {
		return typeof sessionStorage === 'undefined'
			? null
			: (JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Last);
	} catch {
		return null;
	}
}

class LegacyImportState {
	#last = $state.raw<Last>(stored());

	/** The backup imported and what was done; null when none (or undone). */
	get last(): Last {
		return this.#last;
	}

	set last(value: Last) {
		this.#last = value;
		if (typeof sessionStorage === 'undefined') return;
		if (value) sessionStorage.setItem(KEY, JSON.stringify(value));
		else sessionStorage.removeItem(KEY);
	}
}

export const legacyImport = new LegacyImportState();
