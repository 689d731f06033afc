import { plural } from '$lib/i18n/format';
import type { LegacyImportResult } from './legacy-import.service';

/** What a legacy import brought in, one line a kind, with French plurals (never « (s) »). */
export function legacyImportSummary(r: LegacyImportResult): string[] {
	const present = r.filesPresent.length;
	return [
		plural(r.claims, 'indemnisation') +
			(r.claimsSkipped
				? `, ${plural(r.claimsSkipped, 'déjà présente ignorée', 'déjà présentes ignorées')}`
				: ''),
		`${plural(r.manual, 'saisie manuelle', 'saisies manuelles')}, ${plural(r.clients, 'client personnalisé', 'clients personnalisés')}`,
		plural(r.files, "fichier d'origine importé", "fichiers d'origine importés") +
			(present ? `, ${plural(present, 'déjà présent', 'déjà présents')} : ${r.filesPresent.join(', ')}` : ''),
		`${plural(r.archives, 'analyse re-créée', 'analyses re-créées')} dans la Bibliothèque`
	];
}
