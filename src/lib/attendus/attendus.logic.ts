/**
 * Pure rules of the Attendus module: keys, the synthesis (CSV SKU counts + manual conditioning), KPIs,
 * the client list, validation. Plain data in, plain data out. Legacy fixes (§3.7): keys are normalised
 * (trimmed, client upper-cased, attendu as text, A-2); when several imports hold the same attendu the
 * latest import wins for it instead of one import erasing every other; a blank client is refused
 * and "in use" is case-insensitive.
 */
import type { AttendusManualRecord } from '$lib/db/records';
import type { AttendusRow } from './attendus.parser';

export const CLIENTS_PREDEFINIS = [
	'AGST DEVELOPPEMENT',
	'ASTERIA INTERNATIONAL',
	'BIVOUAK',
	'BLUE SKY WELL',
	'CA VA BARBER',
	'CDM',
	'COCCINELLE SAS',
	'EDITIONS OPTIMIST',
	'GP WORKERS',
	'INTELIMMED CONSULTING',
	'INTOM ART',
	'JEJUSKIN',
	'MADEMOISELLE SAINT GERMAIN',
	'OPS ECO INNOVATION',
	'RAMDAM SOCIAL',
	"UN BATTEMENT D'AILE",
	'WRSTL FRANCE'
] as const;

export type Source = 'CSV' | 'CSV + Manuel' | 'Manuel';

/** A client name as stored and compared: trimmed, spaces collapsed, upper-case. */
export function normClient(name: string): string {
	return name.replace(/\s+/g, ' ').trim().toUpperCase();
}

/** An attendu reference as text, trimmed, spaces collapsed (case kept for display). */
export function normAttendu(ref: string | number): string {
	return String(ref).replace(/\s+/g, ' ').trim();
}

/** Matching key of (client, attendu): "ATELIER ROSEAU" + "125" from the CSV equals a hand-typed " atelier roseau", "125 ". */
export function attenduKey(client: string, attendu: string | number): string {
	return `${normClient(client)}\u001f${normAttendu(attendu).toUpperCase()}`;
}

export interface ImportedFile {
	id: string;
	importedAt: number;
	rows: AttendusRow[];
}

/** A CSV line as the module uses it: normalised names, the file it came from. */
export interface DetailRow {
	client: string;
	attendu: string;
	sku: string;
	quantite: number;
	attendue: number | null;
	datasetId: string;
	line: number;
}

/**
 * The CSV lines in force: for each (client, attendu), those of the latest import holding it. Also
 * how many attendus of each file a later file supersedes.
 */
export function linesInForce(files: readonly ImportedFile[]): {
	rows: DetailRow[];
	superseded: Record<string, number>;
} {
	const owner = new Map<string, ImportedFile>();
	const ordered = [...files].sort((a, b) => a.importedAt - b.importedAt);
	for (const file of ordered) for (const r of file.rows) owner.set(attenduKey(r.client, r.attendu), file);
	const rows: DetailRow[] = [];
	const superseded: Record<string, number> = {};
	for (const file of ordered) {
		const lost = new Set<string>();
		for (const r of file.rows) {
			const key = attenduKey(r.client, r.attendu);
			if (owner.get(key) !== file) {
				lost.add(key);
				continue;
			}
			rows.push({
				client: normClient(r.client),
				attendu: normAttendu(r.attendu),
				sku: r.sku.trim(),
				quantite: r.quantite,
				attendue: r.attendue,
				datasetId: file.id,
				line: r._line
			});
		}
		if (lost.size) superseded[file.id] = lost.size;
	}
	return { rows, superseded };
}

export interface SynthesisRow {
	key: string;
	client: string;
	attendu: string;
	paletteMulti: number;
	paletteMono: number;
	carton: number;
	/** Distinct SKUs received (quantity > 0). */
	nbSku: number;
	/** Units received. */
	quantite: number;
	/** SKU lines expected but not received (quantity 0): visible, unlike the legacy. */
	nonRecus: number;
	source: Source;
	/** The manual entries added up in this row. */
	entryIds: string[];
}

function byClientThenAttendu(a: SynthesisRow, b: SynthesisRow): number {
	return (
		a.client.localeCompare(b.client, 'fr') || a.attendu.localeCompare(b.attendu, 'fr', { numeric: true })
	);
}

/**
 * One row per (client, attendu): SKU counts from the CSV, conditioning summed over the manual entries.
 * CSV attendus first, sorted by client then attendu, then the manual-only ones, sorted the same way.
 */
export function buildSynthesis(
	lines: readonly DetailRow[],
	manual: readonly AttendusManualRecord[]
): SynthesisRow[] {
	const groups = new Map<string, SynthesisRow & { skus: Set<string>; allSkus: Set<string> }>();
	for (const l of lines) {
		const key = attenduKey(l.client, l.attendu);
		let g = groups.get(key);
		if (!g) {
			g = {
				key,
				client: l.client,
				attendu: l.attendu,
				paletteMulti: 0,
				paletteMono: 0,
				carton: 0,
				nbSku: 0,
				quantite: 0,
				nonRecus: 0,
				source: 'CSV',
				entryIds: [],
				skus: new Set(),
				allSkus: new Set()
			};
			groups.set(key, g);
		}
		g.allSkus.add(l.sku);
		if (l.quantite > 0) {
			g.skus.add(l.sku);
			g.quantite += l.quantite;
		}
	}
	const csv: SynthesisRow[] = [];
	for (const { skus, allSkus, ...g } of groups.values()) {
		csv.push({ ...g, nbSku: skus.size, nonRecus: [...allSkus].filter((s) => !skus.has(s)).length });
	}
	const manualOnly = new Map<string, SynthesisRow>();
	const csvByKey = new Map(csv.map((r) => [r.key, r]));
	for (const e of manual) {
		const key = attenduKey(e.client, e.attendu);
		let row = csvByKey.get(key) ?? manualOnly.get(key);
		if (!row) {
			row = {
				key,
				client: normClient(e.client),
				attendu: normAttendu(e.attendu),
				paletteMulti: 0,
				paletteMono: 0,
				carton: 0,
				nbSku: 0,
				quantite: 0,
				nonRecus: 0,
				source: 'Manuel',
				entryIds: []
			};
			manualOnly.set(key, row);
		} else if (row.source === 'CSV') row.source = 'CSV + Manuel';
		row.paletteMulti += e.paletteMulti;
		row.paletteMono += e.paletteMono;
		row.carton += e.carton;
		row.entryIds.push(e.id);
	}
	return [...csv.sort(byClientThenAttendu), ...[...manualOnly.values()].sort(byClientThenAttendu)];
}

export interface Totals {
	paletteMulti: number;
	paletteMono: number;
	carton: number;
	nbSku: number;
	quantite: number;
}

export function totals(rows: readonly SynthesisRow[]): Totals {
	const t: Totals = { paletteMulti: 0, paletteMono: 0, carton: 0, nbSku: 0, quantite: 0 };
	for (const r of rows) {
		t.paletteMulti += r.paletteMulti;
		t.paletteMono += r.paletteMono;
		t.carton += r.carton;
		t.nbSku += r.nbSku;
		t.quantite += r.quantite;
	}
	return t;
}

export interface Kpis {
	totalPalettes: number;
	totalCartons: number;
	nbClients: number;
	totalSku: number;
	nbAttendus: number;
}

/** The legacy's KPI row, always over the whole synthesis (never the filter). */
export function kpis(rows: readonly SynthesisRow[]): Kpis {
	const t = totals(rows);
	return {
		totalPalettes: t.paletteMulti + t.paletteMono,
		totalCartons: t.carton,
		nbClients: new Set(rows.map((r) => r.client)).size,
		totalSku: t.nbSku,
		nbAttendus: rows.length
	};
}

/** Every client the form offers: predefined, custom and any in use (so editing never changes one, A-4). */
export function clientChoices(custom: readonly string[], inUse: readonly string[] = []): string[] {
	const all = new Set<string>(CLIENTS_PREDEFINIS);
	for (const c of [...custom, ...inUse]) if (normClient(c)) all.add(normClient(c));
	return [...all].sort((a, b) => a.localeCompare(b, 'fr'));
}

/** A new custom client: its stored name, or the legacy's French refusal. */
export function checkNewClient(
	name: string,
	custom: readonly string[]
): { ok: true; name: string } | { ok: false; error: string } {
	const n = normClient(name);
	if (!n) return { ok: false, error: '⚠️ Veuillez saisir un nom de client' };
	if ((CLIENTS_PREDEFINIS as readonly string[]).includes(n) || custom.some((c) => normClient(c) === n))
		return { ok: false, error: '⚠️ Ce client existe déjà dans la liste' };
	return { ok: true, name: n };
}

/** Whether a client has attendus (CSV or manual), compared case- and space-insensitively. */
export function clientInUse(
	name: string,
	lines: readonly { client: string }[],
	manual: readonly { client: string }[]
): boolean {
	const n = normClient(name);
	return lines.some((l) => normClient(l.client) === n) || manual.some((m) => normClient(m.client) === n);
}

export interface EntryDraft {
	client: string;
	attendu: string;
	paletteMulti: number | null;
	paletteMono: number | null;
	carton: number | null;
}

export type EntryFields = Pick<
	AttendusManualRecord,
	'client' | 'attendu' | 'paletteMulti' | 'paletteMono' | 'carton'
>;

/** The legacy's checks, in its order, plus whole non-negative quantities. */
export function validateEntry(
	d: EntryDraft
): { ok: true; fields: EntryFields } | { ok: false; error: string } {
	const client = normClient(d.client);
	const attendu = normAttendu(d.attendu);
	if (!client) return { ok: false, error: '⚠️ Veuillez sélectionner ou saisir un nom de client' };
	if (!attendu) return { ok: false, error: "⚠️ Veuillez saisir un nom d'attendu" };
	const qty = [d.paletteMulti, d.paletteMono, d.carton];
	if (qty.some((q) => q !== null && (!Number.isInteger(q) || q < 0)))
		return { ok: false, error: '⚠️ Les quantités sont des nombres entiers positifs ou nuls' };
	const [paletteMulti, paletteMono, carton] = qty.map((q) => q ?? 0);
	if (paletteMulti + paletteMono + carton === 0)
		return { ok: false, error: '⚠️ Au moins une quantité doit être supérieure à 0' };
	return { ok: true, fields: { client, attendu, paletteMulti, paletteMono, carton } };
}

/** Detail rows under the tab's filters ('' = all). */
export function filterDetail(rows: readonly DetailRow[], client: string, attendu: string): DetailRow[] {
	return rows.filter((r) => (!client || r.client === client) && (!attendu || r.attendu === attendu));
}

/** Distinct values, sorted the French way (numbers as numbers). */
export function distinctSorted(values: Iterable<string>): string[] {
	return [...new Set(values)].sort((a, b) => a.localeCompare(b, 'fr', { numeric: true }));
}
