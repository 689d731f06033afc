/**
 * Damaged and hostile variants of a valid Pilot backup, for the unit and end-to-end tests of
 * item 9 (bad files): each one must be refused with a French message and change nothing.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export interface BadFile {
	name: string;
	/** Built on demand: some variants are large. */
	bytes: () => Uint8Array;
	/** What the French error must say. */
	message: RegExp;
}

type Entries = Record<string, Uint8Array>;

function edit(valid: Uint8Array, change: (entries: Entries) => Entries): Uint8Array {
	return zipSync(change({ ...unzipSync(valid) }) as Zippable);
}

function setManifest(entries: Entries, change: (m: Record<string, unknown>) => void): Entries {
	const manifest = JSON.parse(strFromU8(entries['manifest.json'])) as Record<string, unknown>;
	change(manifest);
	return { ...entries, 'manifest.json': strToU8(JSON.stringify(manifest)) };
}

/** Replaces a table's file and fixes the manifest so that only the content is at fault. */
function replaceTable(entries: Entries, table: string, text: string): Entries {
	const bytes = strToU8(text);
	return setManifest({ ...entries, [`tables/${table}.ndjson`]: bytes }, (m) => {
		const t = (m.tables as Record<string, Record<string, unknown>>)[table];
		t.bytes = bytes.length;
		t.sha256 = bytesToHex(sha256(bytes));
		t.rows = text.split('\n').filter(Boolean).length;
	});
}

/**
 * A raw DEFLATE stream of `size` zero bytes in fixed-Huffman codes: one literal, then copies of
 * 258 bytes at distance 1 (13 bits each) — about 160:1, built without deflating gigabytes.
 */
function zeroDeflate(size: number): Uint8Array {
	const copies = Math.ceil((size - 1) / 258);
	const out = new Uint8Array(Math.ceil((3 + 8 + copies * 13 + 7) / 8) + 1);
	let bit = 0;
	const write = (value: number, bits: number, reversed: boolean) => {
		for (let i = 0; i < bits; i++) {
			const b = reversed ? (value >> (bits - 1 - i)) & 1 : (value >> i) & 1;
			if (b) out[bit >> 3] |= 1 << (bit & 7);
			bit++;
		}
	};
	write(1, 1, false); // BFINAL
	write(1, 2, false); // BTYPE = fixed Huffman
	write(0b00110000, 8, true); // literal 0
	for (let i = 0; i < copies; i++) {
		write(0b11000101, 8, true); // length 258
		write(0, 5, true); // distance 1
	}
	write(0, 7, true); // end of block
	return out.subarray(0, (bit + 7) >> 3);
}

/** A one-entry ZIP whose entry inflates to `size` bytes of zeros. */
export function zipBomb(entry: string, size: number): Uint8Array {
	const data = zeroDeflate(size);
	const name = strToU8(entry);
	const local = new DataView(new ArrayBuffer(30));
	local.setUint32(0, 0x04034b50, true);
	local.setUint16(4, 20, true);
	local.setUint16(8, 8, true);
	local.setUint32(18, data.length, true);
	local.setUint32(22, size, true);
	local.setUint16(26, name.length, true);
	const central = new DataView(new ArrayBuffer(46));
	central.setUint32(0, 0x02014b50, true);
	central.setUint16(4, 20, true);
	central.setUint16(6, 20, true);
	central.setUint16(10, 8, true);
	central.setUint32(20, data.length, true);
	central.setUint32(24, size, true);
	central.setUint16(28, name.length, true);
	const end = new DataView(new ArrayBuffer(22));
	end.setUint32(0, 0x06054b50, true);
	end.setUint16(8, 1, true);
	end.setUint16(10, 1, true);
	end.setUint32(12, 46 + name.length, true);
	end.setUint32(16, 30 + name.length + data.length, true);
	const parts = [
		new Uint8Array(local.buffer),
		name,
		data,
		new Uint8Array(central.buffer),
		name,
		new Uint8Array(end.buffer)
	];
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let offset = 0;
	for (const p of parts) {
		out.set(p, offset);
		offset += p.length;
	}
	return out;
}

/**
 * The same entries re-zipped, with the compressed data of `entry` made undecodable (a DEFLATE block of the
 * reserved type 3, which no inflater accepts) while the ZIP itself stays well formed.
 */
function corruptDeflate(valid: Uint8Array, entry: string): Uint8Array {
	const zip = zipSync({ ...unzipSync(valid) } as Zippable, { level: 6 });
	const name = strToU8(entry);
	for (let at = 0; at + 30 < zip.length; at++) {
		const view = new DataView(zip.buffer, zip.byteOffset + at);
		if (view.getUint32(0, true) !== 0x04034b50 || view.getUint16(26, true) !== name.length) continue;
		if (!name.every((b, i) => zip[at + 30 + i] === b)) continue;
		if (view.getUint16(8, true) !== 8) throw new Error(`${entry} n'est pas compressée`);
		zip[at + 30 + name.length + view.getUint16(28, true)] = 0b111; // BFINAL, BTYPE = 3
		return zip;
	}
	throw new Error(`${entry} absente`);
}

/** Every bad variant of `valid` (a backup holding at least one claim). */
export function badBackups(valid: Uint8Array): BadFile[] {
	return [
		{
			name: 'pas-un-zip.zip',
			bytes: () => strToU8('Bonjour, ceci est un texte.'),
			message: /n'est pas une archive ZIP/
		},
		{ name: 'vide.zip', bytes: () => new Uint8Array(0), message: /est vide/ },
		{ name: 'tronquee.zip', bytes: () => valid.slice(0, Math.floor(valid.length / 2)), message: /incomplet/ },
		{
			name: 'alteree.zip',
			bytes: () =>
				edit(valid, (e) => {
					const bytes = e['tables/claims.ndjson'].slice();
					bytes[bytes.indexOf(0x54)] = 0x55; // a "T" of TEST123 becomes "U"
					return { ...e, 'tables/claims.ndjson': bytes };
				}),
			message: /altérée : le contenu de la table « claims »/
		},
		{
			name: 'table-illisible.zip',
			bytes: () => corruptDeflate(valid, 'tables/claims.ndjson'),
			message: /La sauvegarde « table-illisible\.zip » est altérée \(table « claims »\)/
		},
		{
			name: 'sans-manifest.zip',
			bytes: () => edit(valid, ({ 'manifest.json': _m, ...rest }) => rest),
			message: /ne contient pas de manifest\.json/
		},
		{
			name: 'sans-table.zip',
			bytes: () => edit(valid, ({ 'tables/claims.ndjson': _t, ...rest }) => rest),
			message: /le fichier de la table « claims » \(tables\/claims\.ndjson\) manque/
		},
		{
			name: 'format-inconnu.zip',
			bytes: () => edit(valid, (e) => setManifest(e, (m) => (m.format = 'autre-logiciel'))),
			message: /n'est pas au format des sauvegardes Pilot/
		},
		{
			name: 'json-casse.zip',
			bytes: () => edit(valid, (e) => replaceTable(e, 'claims', '{"id":"a","tracking":"X"}\n{"id": oups}\n')),
			message: /table « claims », ligne 2 n'est pas du JSON valide/
		},
		{
			name: 'chemin-dangereux.zip',
			bytes: () => edit(valid, (e) => ({ ...e, '../../evil.txt': strToU8('pwned') })),
			message: /chemin dangereux/
		},
		{
			name: 'version-future.zip',
			bytes: () => edit(valid, (e) => setManifest(e, (m) => (m.formatVersion = 99))),
			message: /mettez à jour l'application/
		},
		{
			name: 'bombe.zip',
			bytes: () => zipBomb('manifest.json', 600 * 1024 * 1024),
			message: /bombe de décompression/
		}
	];
}

/** The same backup as a user's OS re-zips an extracted folder: top folder, __MACOSX/, .DS_Store. */
export function rezippedByUser(valid: Uint8Array): Uint8Array {
	const entries = unzipSync(valid);
	const out: Entries = { '__MACOSX/._manifest.json': strToU8('mac'), '.DS_Store': strToU8('ds') };
	for (const [name, data] of Object.entries(entries)) out[`pilot_GREENLOG_backup/${name}`] = data;
	out['pilot_GREENLOG_backup/.DS_Store'] = strToU8('ds');
	return zipSync(out as Zippable);
}
