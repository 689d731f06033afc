/**
 * What an old-app backup brings, module by module, before anything is written: the records it maps
 * to, the original files for the intake, the old Bibliothèque, what is missing and why, and every
 * other entry with its size as ignored. Pure: built from the decoded pickles.
 */
import type { AttendusManualRecord, ClaimRecord } from '$lib/db/records';
import { formatPeriod, plural } from '$lib/i18n/format';
import { MODULES, type ModuleId } from '$lib/modules';
import { mapClaims, type RefusedRow } from './legacy.claims';
import { attendusCsv, mapCustomClients, mapManualEntries } from './legacy.attendus';
import {
	distinctFiles,
	FILE_PICKLES,
	moduleFiles,
	threePLFiles,
	type LegacyFile,
	type Unreadable
} from './legacy.files';
import { listArchives, type LegacyArchive } from './legacy.library';
import { isDataFrame, type LegacyValue } from './pickle';
import { field, text } from './legacy.values';

/** The pickles Pilot reads (entry names); the other entries are listed as ignored. */
export const READ_PICKLES = [
	'indemnisations_data.pkl',
	'attendus_manual_data.pkl',
	'attendus_custom_clients_data.pkl',
	'attendus_csv_data.pkl',
	'logisticiens_library.pkl',
	'library.pkl',
	...FILE_PICKLES.map((m) => `${m}_files.pkl`)
].map((name) => `data/${name}`);

/** Every pickle the old app writes (platform.md §1.1): anything else is another app's. */
const LEGACY_PICKLE = new RegExp(
	`^data/(?:(?:${[...FILE_PICKLES, 'indemnisations', 'attendus_csv', 'attendus_manual', 'attendus_custom_clients'].join('|')})_(?:data|files)|library|logisticiens_library|shared_logisticiens)\\.pkl$`
);

export const isLegacyPickle = (name: string) => LEGACY_PICKLE.test(name);

export interface LegacyEntry {
	name: string;
	size: number;
}

/** A legacy ZIP as the worker decoded it. */
export interface LegacyContent {
	fileName: string;
	entries: LegacyEntry[];
	/** Decoded pickles of READ_PICKLES present in the ZIP, by entry name. */
	pickles: Record<string, unknown>;
	/** metadata.json, parsed. */
	metadata: unknown;
}

export interface ModulePreview {
	id: ModuleId;
	label: string;
	icon: string;
	/** "12 indemnisations", "3 fichiers logisticiens (septembre 2026 … novembre 2026)". */
	summary: string;
	details: string[];
	/** Nothing to import: shown, not offered. */
	missing?: string;
}

export interface LegacyPlan {
	fileName: string;
	/** metadata.json's export date, as written. */
	exportedAt: string;
	claims: ClaimRecord[];
	manual: AttendusManualRecord[];
	clients: string[];
	attendusCsv: { fileName: string; text: string; rows: number } | null;
	/** Distinct originals, 3PL workbooks first (the carriers' analyses look them up). */
	files: LegacyFile[];
	archives: LegacyArchive[];
	/** Slots of a pickle that hold no file Pilot can import. */
	unreadable: Unreadable[];
	modules: ModulePreview[];
	ignored: { name: string; size: number; reason: string }[];
}

const meta = (id: ModuleId) => {
	const m = MODULES.find((x) => x.id === id)!;
	return { id, label: m.label, icon: m.icon };
};

const NEVER_SAVED =
	"l'ancienne application n'a jamais réussi à enregistrer ces factures (échec silencieux de sa sauvegarde) : ré-importez-les dans Pilot";

function refusedLines(refused: RefusedRow[], what: string): string[] {
	return refused.map((r) => `${what} ligne ${r.row} (${r.tracking}) non importée : ${r.message}`);
}

function ignoredReason(name: string): string {
	if (name === 'metadata.json') return "description de la sauvegarde (lue pour l'aperçu)";
	if (name === 'README.txt') return "notice de l'ancienne application";
	if (/^data\/.+_data\.pkl$/.test(name))
		return "résultats calculés par l'ancienne application : Pilot les recalcule à partir des fichiers d'origine";
	if (name === 'data/shared_logisticiens.pkl')
		return "ancien emplacement des fichiers logisticiens, inutilisé par l'ancienne application";
	return 'inconnu de Pilot';
}

export interface PlanContext {
	now: number;
	/** The user's name, for the claims' history. */
	by: string;
}

export function buildPlan(content: LegacyContent, ctx: PlanContext): LegacyPlan {
	const p = (name: string) => content.pickles[`data/${name}`];
	const df = (name: string) => {
		const frame = field(p(name), 'df') as LegacyValue | undefined;
		return isDataFrame(frame) ? frame : null;
	};
	const claimsFrame = df('indemnisations_data.pkl');
	const claims = claimsFrame
		? mapClaims(claimsFrame, { ...ctx, source: content.fileName })
		: { claims: [], refused: [] };
	const manualFrame = df('attendus_manual_data.pkl');
	const manual = manualFrame ? mapManualEntries(manualFrame, ctx.now) : { entries: [], refused: [] };
	const clients = mapCustomClients(p('attendus_custom_clients_data.pkl'));
	const csvFrame = df('attendus_csv_data.pkl');
	const csv = csvFrame && csvFrame.rows.length ? attendusCsv(csvFrame) : null;

	const lib = threePLFiles(p('logisticiens_library.pkl'));
	const unreadable: Unreadable[] = [...lib.unreadable];
	const all: LegacyFile[] = [...lib.files];
	for (const module of FILE_PICKLES) {
		const found = moduleFiles(module, p(`${module}_files.pkl`));
		all.push(...found.files);
		unreadable.push(...found.unreadable);
	}
	const files = distinctFiles([
		...all.filter((f) => f.store === 'logisticiens'),
		...all.filter((f) => f.store !== 'logisticiens')
	]);
	const withFiles = new Set(files.map((f) => f.module));
	const archives = listArchives(p('library.pkl'), withFiles);

	const modules: ModulePreview[] = [];
	const claimsPreview = { ...meta('indemnisations'), summary: plural(claims.claims.length, 'indemnisation') };
	modules.push({ ...claimsPreview, details: refusedLines(claims.refused, 'Indemnisation') });
	modules.push({
		...meta('attendus'),
		summary: [
			plural(manual.entries.length, 'saisie manuelle', 'saisies manuelles'),
			plural(clients.length, 'client personnalisé', 'clients personnalisés'),
			plural(csv?.rows ?? 0, 'ligne reçue (CSV)', 'lignes reçues (CSV)')
		].join(', '),
		details: [
			...refusedLines(manual.refused, 'Saisie'),
			...(csv
				? [
						"Lignes reçues : l'ancienne application n'a gardé que les lignes de son dernier CSV (quantité > 0), sans le fichier ; elles sont ré-importées comme un CSV."
					]
				: [])
		]
	});
	const threePL = files.filter((f) => f.module === 'logisticiens');
	const periods = [...new Set(threePL.map((f) => f.period).filter((x): x is string => !!x))].sort();
	modules.push({
		...meta('logisticiens'),
		summary: `${plural(threePL.length, 'fichier logisticien', 'fichiers logisticiens')}${periods.length ? ` (${periods.length > 1 ? `${formatPeriod(periods[0])} … ${formatPeriod(periods[periods.length - 1])}` : formatPeriod(periods[0])})` : ''}`,
		details: threePL.map((f) => `${f.fileName}${f.period ? ` — ${formatPeriod(f.period)}` : ''}`)
	});
	for (const id of [
		'dpd',
		'chronopost',
		'colissimo',
		'mondial-relay',
		'colis-prive',
		'dhl',
		'retours'
	] as const) {
		const own = files.filter((f) => f.module === id);
		const word = id === 'retours' || id === 'mondial-relay' ? 'fichier' : 'facture';
		modules.push({
			...meta(id),
			summary: plural(own.length, word),
			details: own.map((f) => f.fileName),
			missing: own.length
				? undefined
				: id === 'chronopost' || id === 'dhl'
					? NEVER_SAVED
					: "aucun fichier d'origine dans la sauvegarde : ré-importez-les dans Pilot"
		});
	}
	const recoverable = archives.filter((a) => a.recoverable);
	modules.push({
		...meta('bibliotheque'),
		summary: `${plural(archives.length, 'analyse archivée', 'analyses archivées')} : ${plural(recoverable.length, 're-créée', 're-créées')} depuis les fichiers d'origine`,
		details: archives.map(
			(a) =>
				`${formatPeriod(a.period)} — ${a.legacyModule.replace('_', ' ')} (${plural(a.analyses, 'analyse')}, ${plural(a.rows, 'ligne')}) : ${a.recoverable ? 're-créée depuis les fichiers d’origine' : 'non récupérable, ré-importez la facture'}`
		),
		missing: recoverable.length
			? undefined
			: archives.length
				? 'aucune analyse récupérable : ré-importez les factures'
				: 'aucune analyse archivée dans la sauvegarde'
	});

	const used = new Set(Object.keys(content.pickles));
	const ignored = content.entries
		.filter((e) => !used.has(e.name))
		.map((e) => ({ ...e, reason: ignoredReason(e.name) }));
	return {
		fileName: content.fileName,
		exportedAt: text((content.metadata as { export_date?: unknown } | null)?.export_date),
		claims: claims.claims,
		manual: manual.entries,
		clients,
		attendusCsv: csv && { fileName: 'attendus_ancienne_application.csv', ...csv },
		files,
		archives,
		unreadable,
		modules,
		ignored
	};
}

/** Modules the user can choose: those with something to import. */
export function importable(plan: LegacyPlan): ModuleId[] {
	return plan.modules.filter((m) => !m.missing).map((m) => m.id);
}
