/**
 * What the user chose on each carrier page — tab, filters, 3PL window — kept in one app-wide state
 * (and the tab's session storage) so that it survives navigating away and back, and a reload.
 */
import type { FilterValues } from './carrier.table';

export interface CarrierView {
	tab: string;
	/** Filter values by `${tabId}/${tableId}`. */
	filters: Record<string, FilterValues>;
	/** 3PL periods chosen by the user; null = automatic (from the invoice dates). */
	window: string[] | null;
}

const KEY = 'pilot.carrier-views';

function load(): Record<string, CarrierView> {
	try {
		const raw = typeof sessionStorage !== 'undefined' ? sessionStorage.getItem(KEY) : null;
		return raw ? (JSON.parse(raw) as Record<string, CarrierView>) : {};
	} catch {
		return {};
	}
}

class CarrierViews {
	views = $state<Record<string, CarrierView>>(load());

	of(carrier: string): CarrierView {
		return this.views[carrier] ?? { tab: '', filters: {}, window: null };
	}

	#update(carrier: string, change: Partial<CarrierView>): void {
		this.views[carrier] = { ...this.of(carrier), ...change };
		try {
			sessionStorage.setItem(KEY, JSON.stringify(this.views));
		} catch {
			// Private mode or full storage: the choice still holds for this visit.
		}
	}

	setTab(carrier: string, tab: string): void {
		this.#update(carrier, { tab });
	}

	filters(carrier: string, tab: string, table: string): FilterValues {
		return this.of(carrier).filters[`${tab}/${table}`] ?? {};
	}

	setFilter(
		carrier: string,
		tab: string,
		table: string,
		id: string,
		value: string | boolean | string[]
	): void {
		const key = `${tab}/${table}`;
		const all = this.of(carrier).filters;
		this.#update(carrier, { filters: { ...all, [key]: { ...(all[key] ?? {}), [id]: value } } });
	}

	setWindow(carrier: string, window: string[] | null): void {
		this.#update(carrier, { window: window ? [...window].sort() : null });
	}
}

export const carrierViews = new CarrierViews();
