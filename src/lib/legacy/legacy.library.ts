/**
 * The old Bibliothèque (`library.pkl`: `{'YYYY_MM': {'DPD': [analysis, …], …}}`): its archived analyses
 * by period and module. Its frozen tables are the old app's computations (and bugs): an archive is
 * re-created from the original files when they came over, else named as not recoverable. Pure.
 */
import type { ModuleId } from '$lib/modules';
import { entriesOf, field, isDict, text } from './legacy.values';

const MODULES: Record<string, ModuleId> = {
	DPD: 'dpd',
	Chronopost: 'chronopost',
	Colissimo: 'colissimo',
	Mondial_Relay: 'mondial-relay',
	Colis_Prive: 'colis-prive',
	DHL: 'dhl',
	Retours: 'retours'
};

export interface LegacyArchive {
	/** 'YYYY-MM'. */
	period: string;
	/** The old app's key, e.g. "Mondial_Relay". */
	legacyModule: string;
	module: ModuleId | null;
	/** Analyses the old app archived for this period and module (it kept up to 3). */
	analyses: number;
	/** "07/12/2026 08:45" of each, newest first, as the old app wrote them. */
	analyzedAt: string[];
	rows: number;
	dateRange: string;
	/** Its module's original files come over: re-created from them. */
	recoverable: boolean;
}

export function listArchives(value: unknown, withFiles: ReadonlySet<ModuleId>): LegacyArchive[] {
	const out: LegacyArchive[] = [];
	for (const [key, modules] of entriesOf(value)) {
		const m = /^(\d{4})_(\d{1,2})$/.exec(key);
		if (!m) continue;
		const period = `${m[1]}-${m[2].padStart(2, '0')}`;
		for (const [legacyModule, list] of entriesOf(modules)) {
			const analyses = (Array.isArray(list) ? list : []).filter(isDict);
			const module = MODULES[legacyModule] ?? null;
			const first = analyses[0];
			out.push({
				period,
				legacyModule,
				module,
				analyses: analyses.length,
				analyzedAt: analyses.map((a) => text(field(a, 'analyzed_at'))),
				rows: Number(text(field(first, 'nb_rows'))) || 0,
				dateRange: text(field(first, 'date_range')),
				recoverable: module !== null && withFiles.has(module)
			});
		}
	}
	return out.sort((a, b) => a.period.localeCompare(b.period) || a.legacyModule.localeCompare(b.legacyModule));
}
