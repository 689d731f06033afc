/**
 * Files a user would import, N rows each, with the exact layouts of /work/shared/fixtures:
 * a DHL Express invoice CSV (the carrier whose parser landed first) and a 3PL workbook
 * (sheet "Facturation préparation", dates as DD/MM/YYYY serials, DPD trackings as numbers).
 * Cached under the bench output folder: generating 500 000 rows takes a while.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import XLSX from '@e965/xlsx';

function rng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const digits = (r, n) => {
	let s = '';
	for (let i = 0; i < n; i++) s += Math.floor(r() * 10);
	return s;
};
const pick = (r, xs) => xs[Math.floor(r() * xs.length)];

const PARTNERS = [
	'BIJOUX LUCIOLE',
	'TERRE DE LIN',
	"LES SAVONS D'ELISE",
	'MAISON CAPUCINE',
	'ATELIER NOMADE'
];
const CARRIERS = ['DPD', 'Colissimo', 'Chronopost', 'DHL', 'Colis Privé', 'Mondial Relay'];
const COUNTRIES = ['FR', 'FR', 'FR', 'FR', 'BE', 'DE', 'ES', 'CH'];

const DHL_HEADER = (() => {
	const xc = [1, 2, 3, 4, 5].flatMap((k) =>
		['Code', 'Name', 'Charge', 'Tax Code', 'Tax', 'Total'].map((f) => `XC${k} ${f}`)
	);
	return [
		...'Line Type,Billing Source,Invoice Number,Invoice Date,Billing Account,Shipment Number,Shipment Date,Product,Product Name,Pieces,Senders Name,Senders Country Code,Dest Name,Dest Country Code,Weight (kg),Weight Flag,Currency,Weight Charge,Weight Tax (VAT)'.split(
			','
		),
		...xc,
		'Total Extra Charges (XC)',
		'Total Extra Charges Tax',
		'Total amount (excl. VAT)',
		'Total Tax',
		'Total amount (incl. VAT)'
	];
})();
const NAMES = ['MANON MICHEL', 'HUGO MOREAU', 'LEA DUBOIS', 'LUCAS PETIT', 'CHLOE ROUX', 'NOAH LEROY'];
const DESTS = ['ES', 'CH', 'DE', 'BE', 'IT', 'GB', 'US'];
const eur = (cents) => (cents / 100).toFixed(2);

/** A DHL Express billing CSV ("TD" export, as fixtures/dhl): one invoice line, then N `S` lines. */
export function dhlCsv(n) {
	const r = rng(n + 7);
	const lines = [DHL_HEADER.join(',')];
	const invoice = [
		'I',
		'FR',
		'PAR7494288',
		'20261203',
		'950123456',
		...Array(DHL_HEADER.length - 5).fill('')
	];
	lines.push(invoice.join(','));
	for (let i = 0; i < n; i++) {
		const base = 1200 + Math.floor(r() * 4000);
		const fuel = Math.round(base * 0.285);
		const demand = r() < 0.3 ? 200 : 0;
		const xc = [['FF', 'FUEL SURCHARGE', fuel], demand ? ['CR', 'DEMAND SURCHARGE', demand] : null];
		const xcCells = [0, 1, 2, 3, 4].flatMap((k) => {
			const c = xc[k];
			return c
				? [c[0], c[1], eur(c[2]), 'A', eur(Math.round(c[2] * 0.2)), eur(Math.round(c[2] * 1.2))]
				: ['', '', '', '', '', ''];
		});
		const extra = fuel + demand;
		const ht = base + extra;
		const tax = Math.round(ht * 0.2);
		const day = String(1 + Math.floor(r() * 28)).padStart(2, '0');
		lines.push(
			[
				'S',
				'FR',
				'PAR7494288',
				'20261203',
				'950123456',
				digits(r, 10),
				`202610${day}`,
				'P',
				'EXPRESS WORLDWIDE',
				'1',
				'GREENLOG EC',
				'FR',
				pick(r, NAMES),
				pick(r, DESTS),
				(Math.round(r() * 200) / 10).toFixed(1),
				'A',
				'EUR',
				eur(base),
				eur(Math.round(base * 0.2)),
				...xcCells,
				eur(extra),
				eur(Math.round(extra * 0.2)),
				eur(ht),
				eur(tax),
				eur(ht + tax)
			].join(',')
		);
	}
	return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

export function threePLWorkbook(n) {
	const r = rng(n + 11);
	const header = [
		'Nom du partenaire',
		'Transporteur',
		'Numéro de tracking',
		"Numéro de commande d'origine",
		'Numéro de commande partenaire',
		'Date de la commande',
		"Date d'expédition",
		'Poids expédition',
		'Pays destination',
		'Code postal destination'
	];
	const rows = [header];
	for (let i = 0; i < n; i++) {
		const partner = pick(r, PARTNERS);
		const carrier = pick(r, CARRIERS);
		const tracking = carrier === 'DPD' ? Number(`250${digits(r, 11)}`) : `6A${digits(r, 11)}`;
		const day = 46296 + Math.floor(r() * 28); // October 2026 as Excel serials
		rows.push([
			partner,
			carrier,
			tracking,
			`${partner.slice(0, 3).toUpperCase()}-${digits(r, 5)}`,
			`${partner.slice(0, 2).toUpperCase()}${digits(r, 6)}`,
			day,
			day + 1,
			100 + Math.floor(r() * 4900),
			pick(r, COUNTRIES),
			digits(r, 5)
		]);
	}
	const ws = XLSX.utils.aoa_to_sheet(rows);
	for (let i = 1; i <= n; i++)
		for (const col of ['F', 'G']) {
			const cell = ws[`${col}${i + 1}`];
			if (cell) cell.z = 'DD/MM/YYYY';
		}
	const wb = XLSX.utils.book_new();
	XLSX.utils.book_append_sheet(wb, ws, 'Facturation préparation');
	return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true });
}

/** Write (or reuse) the two files for N rows; returns their names relative to `dir`. */
export function ensureSourceFiles(dir, n) {
	mkdirSync(dir, { recursive: true });
	const carrier = `DHL_INVOICE_${n}.csv`;
	const workbook = `LOG_2026_10_${n}.xlsx`;
	if (!existsSync(join(dir, carrier))) writeFileSync(join(dir, carrier), dhlCsv(n));
	if (!existsSync(join(dir, workbook))) writeFileSync(join(dir, workbook), threePLWorkbook(n));
	return { carrier, workbook };
}
