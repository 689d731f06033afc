/** French formats, applied only at the edges (views and exports). Money is integer cents inside. */

const money = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** Intl uses narrow no-break spaces; users and tests expect ordinary ones to read and type. */
function plainSpaces(text: string): string {
	return text.replace(/[\u202f\u00a0]/g, ' ');
}

/** 123456 → "1 234,56 €" */
export function formatCents(cents: number): string {
	return plainSpaces(money.format(cents / 100));
}

export function formatInt(n: number): string {
	return plainSpaces(integer.format(n));
}

export function formatNumber(n: number): string {
	return plainSpaces(decimal.format(n));
}

/** "2026-11-27" → "27/11/2026"; anything else is returned as given. */
export function formatDay(iso: string | null | undefined): string {
	if (!iso) return '';
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
	return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Epoch ms → "27/11/2026 14:05" in local time. */
export function formatDateTime(ms: number): string {
	const d = new Date(ms);
	const p = (n: number) => String(n).padStart(2, '0');
	return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} o`;
	if (bytes < 1024 ** 2) return `${formatNumber(bytes / 1024)} Ko`;
	if (bytes < 1024 ** 3) return `${formatNumber(bytes / 1024 ** 2)} Mo`;
	return `${formatNumber(bytes / 1024 ** 3)} Go`;
}

export const MONTHS_FR = [
	'Janvier',
	'Février',
	'Mars',
	'Avril',
	'Mai',
	'Juin',
	'Juillet',
	'Août',
	'Septembre',
	'Octobre',
	'Novembre',
	'Décembre'
] as const;

/** "2026-11" → "Novembre 2026" */
export function formatPeriod(period: string | null | undefined): string {
	const m = period ? /^(\d{4})-(\d{2})$/.exec(period) : null;
	if (!m) return 'Période inconnue';
	return `${MONTHS_FR[Number(m[2]) - 1] ?? 'Inconnu'} ${m[1]}`;
}

/** Local calendar day as ISO, for defaults such as a claim's date. */
export function todayIso(now = new Date()): string {
	const p = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** French plural of a count: plural(3, 'période') → "3 périodes". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
	return `${formatInt(n)} ${n > 1 ? pluralForm : singular}`;
}
