/**
 * The original files the old app kept: the 3PL workbooks of `logisticiens_library.pkl` (one per period)
 * and the uploads of each `<module>_files.pkl` (`{slot: {name, bytes}}`), each told where it goes in
 * Pilot (store, slot, parser) so that the normal intake imports it as if uploaded now. Pure.
 */
import { sha256HexSync } from '$lib/backup/digests';
import type { DatasetStore } from '$lib/db/schema';
import type { ModuleId } from '$lib/modules';
import { bytesOf, entriesOf, field, instantOf, isDict, text } from './legacy.values';

export interface Target {
	module: ModuleId;
	store: DatasetStore;
	slot: string;
	parser: string;
}

export interface LegacyFile extends Target {
	fileName: string;
	bytes: Uint8Array;
	sha256: string;
	/** 'YYYY-MM' the old app filed it under; undefined: the parser's detected period. */
	period?: string;
	/** When the old app received it (epoch ms), when it says. */
	uploadedAt?: number;
	/** Where it was found, e.g. "dpd_files.pkl › dpd_predict". */
	from: string;
}

const THREE_PL: Target = { module: 'logisticiens', store: 'logisticiens', slot: '3pl', parser: '3pl' };

/** Slots of each `<module>_files.pkl` (platform.md §1.1); a 3PL copy goes to the 3PL library. */
const SLOTS: Record<string, Record<string, Target>> = {
	dpd: {
		dpd_predict: { module: 'dpd', store: 'dpd', slot: 'predict', parser: 'dpd' },
		dpd_classic: { module: 'dpd', store: 'dpd', slot: 'classic', parser: 'dpd' },
		log_n: THREE_PL,
		log_n1: THREE_PL,
		log_n2: THREE_PL
	},
	colissimo: {
		csv_facture: { module: 'colissimo', store: 'colissimo', slot: 'facture', parser: 'colissimo' },
		log1: THREE_PL,
		log2: THREE_PL,
		log3: THREE_PL
	},
	mondial_relay: {
		csv_retours: { module: 'mondial-relay', store: 'mondialRelay', slot: 'retours', parser: 'mondial-relay' },
		log_0: THREE_PL,
		log_1: THREE_PL,
		log_2: THREE_PL
	},
	colis_prive: {
		csv: { module: 'colis-prive', store: 'colisPrive', slot: 'facture', parser: 'colis-prive' }
	},
	retours: {
		csv_retours: { module: 'retours', store: 'retours', slot: 'export', parser: 'retours' }
	},
	// The old app never managed to write these two (a list / a str where a file was expected);
	// read them all the same should a backup hold them.
	chronopost: {
		factures: { module: 'chronopost', store: 'chronopost', slot: 'facture', parser: 'chronopost' }
	},
	dhl: { facture: { module: 'dhl', store: 'dhl', slot: 'facture', parser: 'dhl' } }
};

/** Modules whose originals the old app may have kept, by the prefix of their `_files.pkl`. */
export const FILE_PICKLES = Object.keys(SLOTS);

export interface Unreadable {
	from: string;
	reason: string;
}

/** The 3PL library: `{'YYYY_MM': {filename, content, size, uploaded_at, year, month}}`. */
export function threePLFiles(value: unknown, pickle = 'logisticiens_library.pkl') {
	const files: LegacyFile[] = [];
	const unreadable: Unreadable[] = [];
	for (const [key, entry] of entriesOf(value)) {
		const from = `${pickle} › ${key}`;
		const bytes = bytesOf(field(entry, 'content'));
		const m = /^(\d{4})_(\d{1,2})$/.exec(key);
		if (!bytes) {
			unreadable.push({ from, reason: 'pas de contenu de fichier' });
			continue;
		}
		files.push({
			...THREE_PL,
			fileName: text(field(entry, 'filename')) || `logisticien_${key}.xlsx`,
			bytes,
			sha256: sha256HexSync(bytes),
			period: m ? `${m[1]}-${m[2].padStart(2, '0')}` : undefined,
			uploadedAt: instantOf(field(entry, 'uploaded_at')) ?? undefined,
			from
		});
	}
	return { files, unreadable };
}

/** `{slot: {name, bytes}}` (or a list of them) of one module's `_files.pkl`. */
export function moduleFiles(module: string, value: unknown) {
	const files: LegacyFile[] = [];
	const unreadable: Unreadable[] = [];
	const slots = SLOTS[module] ?? {};
	const pickle = `${module}_files.pkl`;
	for (const [key, entry] of entriesOf(value)) {
		const from = `${pickle} › ${key}`;
		const target = slots[key];
		const items: unknown[] = Array.isArray(entry) ? entry : [entry];
		for (const item of items) {
			const bytes = isDict(item) ? bytesOf(field(item, 'bytes')) : null;
			if (!target || !bytes) {
				unreadable.push({ from, reason: target ? 'pas de contenu de fichier' : 'emplacement inconnu' });
				continue;
			}
			files.push({
				...target,
				fileName: text(field(item, 'name')) || key,
				bytes,
				sha256: sha256HexSync(bytes),
				from
			});
		}
	}
	return { files, unreadable };
}

/**
 * One import per file and store: the 3PL workbooks each carrier kept a copy of are the library's own
 * (the first seen wins, so the library's period and upload date).
 */
export function distinctFiles(files: readonly LegacyFile[]): LegacyFile[] {
	const seen = new Set<string>();
	return files.filter((f) => {
		const key = `${f.store}\u001f${f.sha256}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
