/**
 * The Streamlit app's backups (`data/*.pkl` + metadata.json) hold Python pickles. They are
 * recognised and refused with what they contain and where to re-import the original files:
 * pickles are never executed, and their pandas internals vary by version.
 */
import { MODULES, type ModuleId } from '$lib/modules';

const MODULE_PREFIXES: [string, ModuleId][] = [
	['indemnisations', 'indemnisations'],
	['logisticiens', 'logisticiens'],
	['library', 'bibliotheque'],
	['attendus', 'attendus'],
	['mondial_relay', 'mondial-relay'],
	['colis_prive', 'colis-prive'],
	['colissimo', 'colissimo'],
	['chronopost', 'chronopost'],
	['dpd', 'dpd'],
	['dhl', 'dhl'],
	['retours', 'retours']
];

/** What to re-import in Pilot for each legacy module. */
const REIMPORT: Partial<Record<ModuleId, string>> = {
	logisticiens: 'vos fichiers logisticiens (3PL)',
	indemnisations: 'vos indemnisations (saisie ou import)',
	attendus: 'vos CSV d’attendus et saisies manuelles',
	bibliotheque: 'rien : les analyses se recréent en ré-important les factures'
};

function moduleOf(pkl: string): ModuleId | null {
	const base = pkl.slice('data/'.length);
	return MODULE_PREFIXES.find(([prefix]) => base.startsWith(prefix))?.[1] ?? null;
}

/** Details for the 'legacy-backup' error, or null when the entries are not a legacy backup. */
export function describeLegacyBackup(names: string[]): { contents: string; reimport: string } | null {
	const pkls = names.filter((n) => /^data\/[^/]+\.pkl$/.test(n)).sort();
	if (pkls.length === 0 || !names.includes('metadata.json')) return null;
	const modules = new Set(pkls.map(moduleOf).filter((m): m is ModuleId => m !== null));
	const contents = `${pkls.length} fichier(s) .pkl (${pkls.map((p) => p.slice(5)).join(', ')})`;
	const reimport = MODULES.filter((m) => modules.has(m.id))
		.map((m) => `${m.label} → ${REIMPORT[m.id] ?? 'vos factures d’origine'}`)
		.join(' ; ');
	return { contents, reimport };
}
