/**
 * The surcharge types counted in Chronopost's "total à contester" (RULINGS 8: all seven by default),
 * kept for the session so that it survives navigating away and back, like the page's filters.
 */
import { SURPLUS_TYPES, type SurplusType } from './chronopost.parser';

const KEY = 'pilot.chronopost.total-types';

function load(): SurplusType[] {
	try {
		const raw = typeof sessionStorage !== 'undefined' ? sessionStorage.getItem(KEY) : null;
		const saved = raw ? (JSON.parse(raw) as unknown) : null;
		if (Array.isArray(saved)) return SURPLUS_TYPES.filter((t) => saved.includes(t));
	} catch {
		// Unreadable saved choice: back to the default.
	}
	return [...SURPLUS_TYPES];
}

class ChronopostView {
	totalTypes = $state<SurplusType[]>(load());

	setTotalTypes(types: readonly SurplusType[]): void {
		// Kept in the legacy order whatever the order of the clicks.
		this.totalTypes = SURPLUS_TYPES.filter((t) => types.includes(t));
		try {
			sessionStorage.setItem(KEY, JSON.stringify(this.totalTypes));
		} catch {
			// Private mode or full storage: the choice still holds for this visit.
		}
	}

	toggle(type: SurplusType, on: boolean): void {
		this.setTotalTypes(on ? [...this.totalTypes, type] : this.totalTypes.filter((t) => t !== type));
	}
}

export const chronopostView = new ChronopostView();
