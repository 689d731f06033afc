/** How a page names the days it covers: its « 📈 Coûts » tab, its 3PL window. */
import { formatDay } from '$lib/i18n/format';

/** "Du 02/10/2026 au 30/11/2026" for a date range. */
export function rangeLabel(range: [string, string] | null): string {
	return range ? `Du ${formatDay(range[0])} au ${formatDay(range[1])}` : 'Dates inconnues';
}
