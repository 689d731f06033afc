/**
 * The old app's Attendus: manual conditioning entries (`attendus_manual_data.pkl`), custom clients
 * (`attendus_custom_clients_data.pkl`) and the received lines it kept of its last CSV import
 * (`attendus_csv_data.pkl`, no original file: written back as a CSV for the normal intake). Pure.
 */
import Papa from 'papaparse';
import type { AttendusManualRecord } from '$lib/db/records';
import { CLIENTS_PREDEFINIS, normClient, validateEntry } from '$lib/attendus/attendus.logic';
import { dataFrameRecords, type LegacyDataFrame } from './pickle';
import { field, instantOf, numberOf, text } from './legacy.values';
import type { RefusedRow } from './legacy.claims';

export interface MappedEntries {
	entries: AttendusManualRecord[];
	refused: RefusedRow[];
}

/** The legacy id (creation time in ms) names the record, so a second import of the same backup adds nothing. */
export const manualId = (legacyId: string) => `legacy-attendus-${legacyId}`;

export function mapManualEntries(frame: LegacyDataFrame, now: number): MappedEntries {
	const entries: AttendusManualRecord[] = [];
	const refused: RefusedRow[] = [];
	dataFrameRecords(frame).forEach((r, i) => {
		const checked = validateEntry({
			client: text(r.client),
			attendu: text(r.attendu),
			paletteMulti: numberOf(r.palette_multi),
			paletteMono: numberOf(r.palette_mono),
			carton: numberOf(r.carton)
		});
		if (!checked.ok) {
			refused.push({
				row: i + 1,
				tracking: `${text(r.client)} / ${text(r.attendu)}`,
				message: checked.error
			});
			return;
		}
		const legacyId = text(r.id);
		const created = numberOf(r.id);
		entries.push({
			id: manualId(legacyId || String(i)),
			...checked.fields,
			// The old id is the creation time (Unix ms); its timestamp is the last edit.
			createdAt: created !== null && created > 0 ? created : (instantOf(r.timestamp) ?? now + i)
		});
	});
	return { entries, refused };
}

/** Custom client names, as the app stores them; predefined ones are already in the list. */
export function mapCustomClients(value: unknown): string[] {
	const clients = field(value, 'clients');
	const list = Array.isArray(clients) ? clients : [];
	const names = new Set<string>();
	for (const v of list) {
		const name = normClient(text(v));
		if (name && !(CLIENTS_PREDEFINIS as readonly string[]).includes(name)) names.add(name);
	}
	return [...names];
}

/** The WMS columns the attendus parser reads, in the old app's order. */
const CSV_COLUMNS = [
	'resellers.name',
	'source_ref',
	'supply_capsule_items.source_ref',
	'supply_capsule_items.received_quantity'
];

/** The received lines the old app kept, as a CSV of the WMS export's columns (UTF-8, comma). */
export function attendusCsv(frame: LegacyDataFrame): { text: string; rows: number } {
	const rows = dataFrameRecords(frame).map((r) => [
		text(r.client),
		text(r.attendu),
		text(r.sku),
		text(r.quantite)
	]);
	return {
		text: Papa.unparse({ fields: CSV_COLUMNS, data: rows }, { newline: '\n' }) + '\n',
		rows: rows.length
	};
}
