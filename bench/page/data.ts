/**
 * A year of realistic data, generated with the shapes of /work/shared/fixtures: 3PL rows (the ten
 * columns of "Facturation préparation") and carrier invoice lines, spread over the real dataset
 * tables in chunk records, plus original files as Blobs (with their true SHA-256 and CRC-32, as an
 * import stores them) and a few small entities.
 * Deterministic (seeded), so every repetition and every engine stores the same bytes.
 */
import type { DatasetStore } from '$lib/db/schema';
import type { ChunkRecord, DatasetRecord } from '$lib/db/records';
import { packRows } from '$lib/db/chunk-codec';
import { blobDigests } from '$lib/backup/digests';
import { CHUNK_ROWS } from '$lib/intake/intake.core';
import type { ThreePLRow } from '$lib/logisticiens/threepl.types';

/** Originals: 400 bytes per row, i.e. 200 MB of Blobs at 500 000 rows (the largest case). */
export const BLOB_BYTES_PER_ROW = 400;

const PARTNERS = [
	'BIJOUX LUCIOLE',
	'TERRE DE LIN',
	"LES SAVONS D'ELISE",
	'MAISON CAPUCINE',
	'ATELIER NOMADE'
];
const CARRIERS = ['DPD', 'Colissimo', 'Chronopost', 'DHL', 'Colis Privé', 'Mondial Relay'];
const COUNTRIES = ['FR', 'FR', 'FR', 'FR', 'BE', 'DE', 'ES', 'CH', 'MC'];
const PRODUCTS: [string, string][] = [
	['DOM', 'Colissimo Domicile sans signature'],
	['DOS', 'Colissimo Domicile avec signature'],
	['BPR', 'Colissimo Point Retrait - bureau de poste'],
	['8R', 'Colissimo Retour France']
];
/** Invoice stores and their share of the invoice lines. */
const INVOICE_STORES: DatasetStore[] = [
	'dpd',
	'colissimo',
	'chronopost',
	'dhl',
	'colisPrive',
	'mondialRelay'
];

export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const digits = (r: () => number, n: number) => {
	let s = '';
	for (let i = 0; i < n; i++) s += Math.floor(r() * 10);
	return s;
};
const day = (month: number, d: number) =>
	`2026-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export interface InvoiceLine {
	_line: number;
	tracking: string;
	date: string;
	productCode: string;
	productLabel: string;
	weightKg: number;
	postcode: string;
	country: string;
	priceCents: number;
	surchargeCents: number;
	totalCents: number;
}

export function threePLRow(r: () => number, i: number, month: number): ThreePLRow {
	const partner = pick(r, PARTNERS);
	const d = 1 + Math.floor(r() * 27);
	return {
		_line: i + 2,
		partner,
		carrier: pick(r, CARRIERS),
		tracking: r() < 0.5 ? `250${digits(r, 11)}` : `6A${digits(r, 11)}`,
		originOrder: `${partner.slice(0, 3).toUpperCase()}-${digits(r, 5)}`,
		partnerOrder: `${partner.slice(0, 2).toUpperCase()}${digits(r, 6)}`,
		orderDate: day(month, d),
		shipDate: day(month, d + 1),
		weightG: 100 + Math.floor(r() * 4900),
		country: pick(r, COUNTRIES),
		postcode: digits(r, 5)
	};
}

export function invoiceLine(r: () => number, i: number, month: number, tracking?: string): InvoiceLine {
	const [productCode, productLabel] = pick(r, PRODUCTS);
	const priceCents = 400 + Math.floor(r() * 900);
	const surchargeCents = r() < 0.1 ? 35 : 0;
	return {
		_line: i + 2,
		tracking: tracking ?? `6A${digits(r, 11)}`,
		date: day(month, 1 + Math.floor(r() * 28)),
		productCode,
		productLabel,
		weightKg: Math.round(r() * 5000) / 1000,
		postcode: digits(r, 5),
		country: pick(r, COUNTRIES),
		priceCents,
		surchargeCents,
		totalCents: Math.round((priceCents + surchargeCents) * 1.2)
	};
}

/** Bytes of an "original file": incompressible, like the XLSX (zip) files users upload. */
function originalBlob(r: () => number, bytes: number, name: string): Blob {
	const parts: BlobPart[] = [];
	const piece = 64 * 1024;
	const buf = new Uint8Array(Math.min(piece, bytes));
	for (let i = 0; i < buf.length; i++) buf[i] = Math.floor(r() * 256);
	for (let left = bytes; left > 0; left -= piece) {
		// Vary each piece cheaply so identical pages do not deduplicate or compress.
		buf[0] = left & 255;
		buf[1] = (left >> 8) & 255;
		parts.push(buf.slice(0, Math.min(piece, left)));
	}
	return new Blob(parts, { type: name.endsWith('.xlsx') ? 'application/octet-stream' : 'text/csv' });
}

export interface GeneratedTable {
	name: string;
	records: unknown[];
}

/**
 * The whole database content for N rows: half 3PL rows (12 monthly files), half invoice lines over
 * six carriers × 12 months, in packed chunk records of 2 000 rows as the app stores them
 * (src/lib/db/chunk-codec.ts); originals as Blobs; claims, archives, settings.
 */
export async function generateYear(
	n: number,
	seed = 2026
): Promise<{
	tables: GeneratedTable[];
	rows: number;
	blobBytes: number;
	flat: unknown[];
	objectTables: GeneratedTable[];
}> {
	const r = rng(seed);
	const byTable = new Map<string, unknown[]>();
	/** The same chunks with their rows as objects: the layout before packing, for the bench's limits. */
	const objectChunks = new Map<string, unknown[]>();
	const add = (tables: Map<string, unknown[]>, name: string, rec: unknown) => {
		let list = tables.get(name);
		if (!list) tables.set(name, (list = []));
		list.push(rec);
	};
	const push = (name: string, rec: unknown) => add(byTable, name, rec);
	const pushObjects = (name: string, rec: unknown) => add(objectChunks, name, rec);
	const totalBlob = n * BLOB_BYTES_PER_ROW;
	const files: { store: DatasetStore; slot: string; month: number; rows: number; kind: '3pl' | 'invoice' }[] =
		[];
	const threePL = Math.floor(n / 2);
	for (let m = 1; m <= 12; m++) {
		const rows = Math.floor(threePL / 12) + (m <= threePL % 12 ? 1 : 0);
		files.push({ store: 'logisticiens', slot: '3pl', month: m, rows, kind: '3pl' });
	}
	const invoices = n - threePL;
	const perInvoice = invoices / (12 * INVOICE_STORES.length);
	let assigned = 0;
	INVOICE_STORES.forEach((store, s) => {
		for (let m = 1; m <= 12; m++) {
			const k = s * 12 + m;
			const rows = Math.round(perInvoice * k) - assigned;
			assigned += rows;
			files.push({ store, slot: 'facture', month: m, rows, kind: 'invoice' });
		}
	});
	let blobBytes = 0;
	const flat: unknown[] = [];
	for (const [fi, f] of files.entries()) {
		const id = `bench-${f.store}-${f.month}-${fi}`;
		const rows = [];
		for (let i = 0; i < f.rows; i++)
			rows.push(f.kind === '3pl' ? threePLRow(r, i, f.month) : invoiceLine(r, i, f.month));
		let chunkCount = 0;
		for (const row of rows) flat.push(row);
		for (let c = 0; c < rows.length; c += CHUNK_ROWS) {
			const slice = rows.slice(c, c + CHUNK_ROWS);
			pushObjects(`${f.store}Chunks`, { datasetId: id, index: chunkCount, rows: slice });
			const chunk: ChunkRecord = {
				datasetId: id,
				index: chunkCount++,
				rowCount: slice.length,
				data: await packRows(slice)
			};
			push(`${f.store}Chunks`, chunk);
		}
		const size = Math.round((totalBlob * f.rows) / n);
		blobBytes += size;
		const fileName = `${f.store}_${f.month}.${f.kind === '3pl' ? 'xlsx' : 'csv'}`;
		const original = originalBlob(r, size, fileName);
		const dataset: DatasetRecord = {
			id,
			slot: f.slot,
			fileName,
			// The digests an import computes (intake.core hashBytes): real, so that a backup reusing them is honest.
			...(await blobDigests(original)),
			original,
			size,
			period: `2026-${String(f.month).padStart(2, '0')}`,
			rowCount: f.rows,
			chunkCount,
			columns: Object.keys(rows[0] ?? {}),
			importedAt: Date.UTC(2026, f.month, 2),
			dateRange: [day(f.month, 1), day(f.month, 28)],
			skipped: [],
			meta: {}
		};
		push(`${f.store}Datasets`, dataset);
	}
	const claims = Math.max(50, Math.round(n / 500));
	for (let i = 0; i < claims; i++) {
		const at = Date.UTC(2026, i % 12, 5);
		push('claims', {
			id: `claim-${i}`,
			date: day(1 + (i % 12), 5),
			tracking: `6A${digits(r, 11)}`,
			partner: pick(r, PARTNERS),
			originOrder: `ORD-${digits(r, 5)}`,
			partnerOrder: `P${digits(r, 6)}`,
			carrier: pick(r, CARRIERS),
			motif: 'Colis perdu',
			motifOther: '',
			amountCents: Math.floor(r() * 10000),
			status: 'En attente',
			notes: 'Réclamation déposée sur le portail transporteur.',
			shippingDate: day(1 + (i % 12), 2),
			incidentDate: null,
			filedDate: null,
			paidDate: null,
			createdAt: at,
			updatedAt: at,
			history: [{ at, by: 'Bench', field: 'status', from: 'À constituer', to: 'En attente' }]
		});
	}
	for (let m = 1; m <= 12; m++)
		push('library', {
			id: `lib-${m}`,
			module: 'colissimo',
			period: `2026-${String(m).padStart(2, '0')}`,
			title: `Analyse Colissimo ${m}/2026`,
			createdAt: Date.UTC(2026, m, 3),
			rowCount: 1000,
			dateRange: [day(m, 1), day(m, 28)],
			partners: PARTNERS,
			sources: [],
			result: { totals: PARTNERS.map((p) => ({ partner: p, cents: Math.floor(r() * 1e7) })) }
		});
	push('settings', { key: 'userName', value: 'Bench', updatedAt: 0 });
	return {
		tables: [...byTable].map(([name, records]) => ({ name, records })),
		rows: n,
		blobBytes,
		/** The same rows, one by one, for the one-record-per-row limit. */
		flat,
		/** The same database with chunk rows as objects instead of packed. */
		objectTables: [...byTable].map(([name, records]) => ({
			name,
			records: objectChunks.get(name) ?? records
		}))
	};
}
