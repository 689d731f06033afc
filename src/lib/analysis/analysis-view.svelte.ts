/**
 * What the user chose on each analysis page (carriers, Retours) — tab, filters, 3PL window — kept in one
 * app-wide state (and the tab's session storage) so that it survives navigating away and back, and a reload.
 */
import type { FilterValues } from './table-rows';

export interface AnalysisView {
	tab: string;
	/** Filter values by `${tabId}/${tableId}`. */
	filters: Record<string, FilterValues>;
	/** 3PL periods chosen by the user; null = automatic (from the invoice dates). */
	window: string[] | null;
}

// Stored name, kept as the first release wrote it: a tab's choices survive the upgrade.
const KEY = 'pilot.carrier-views';

function load(): Record<string, AnalysisView> {
	try {
		const raw = typeof sessionStorage !== 'undefined' ? sessionStorage.getItem(KEY) : null;
		return raw ? (JSON.parse(raw) as Record<string, AnalysisView>) : {};
	} catch {
		return {};
	}
}

class AnalysisViews {
	views = $state<Record<string, AnalysisView>>(load());

	of(page: string): AnalysisView {
		return this.views[page] ?? { tab: '', filters: {}, window: null };
	}

	#update(page: string, change: Partial<AnalysisView>): void {
		this.views[page] = { ...this.of(page), ...change };
		try {
			sessionStorage.setItem(KEY, JSON.stringify(this.views));
		} catch {
			// Private mode or full storage: the choice still holds for this visit.
		}
	}

	setTab(page: string, tab: string): void {
		this.#update(page, { tab });
	}

	filters(page: string, tab: string, table: string): FilterValues {
		return this.of(page).filters[`${tab}/${table}`] ?? {};
	}

	setFilter(page: string, tab: string, table: string, id: string, value: string | boolean | string[]): void {
		const key = `${tab}/${table}`;
		const all = this.of(page).filters;
		this.#update(page, { filters: { ...all, [key]: { ...(all[key] ?? {}), [id]: value } } });
	}

	setWindow(page: string, window: string[] | null): void {
		this.#update(page, { window: window ? [...window].sort() : null });
	}
}

export const analysisViews = new AnalysisViews();
