import { MODULES } from '$lib/modules';
import type { Manifest } from './backup-format';

function moduleLabel(owner: string): string {
	return MODULES.find((m) => m.id === owner)?.label ?? owner;
}

const nf = new Intl.NumberFormat('fr-FR');

/** LISEZMOI.txt: what the archive holds and how to restore it, for a person opening the ZIP. */
export function readmeText(manifest: Manifest): string {
	const lines = [
		'SAUVEGARDE PILOT BY GREENLOG',
		'============================',
		'',
		`Créée le : ${new Date(manifest.createdAt).toLocaleString('fr-FR')}`,
		`Version de l'application : ${manifest.appVersion} — format ${manifest.format} v${manifest.formatVersion}, schéma v${manifest.schemaVersion}`,
		`Enregistrements : ${nf.format(manifest.totals.rows)} — fichiers joints : ${nf.format(manifest.blobs.count)}`,
		'',
		'CONTENU (module — table : enregistrements)',
		''
	];
	const byModule = new Map<string, string[]>();
	for (const [name, t] of Object.entries(manifest.tables)) {
		const list = byModule.get(t.owner) ?? [];
		list.push(`  - ${t.label} (${name}) : ${nf.format(t.rows)}`);
		byModule.set(t.owner, list);
	}
	for (const [owner, list] of byModule) lines.push(moduleLabel(owner), ...list, '');
	for (const [name, x] of Object.entries(manifest.excluded)) {
		lines.push(`Non inclus : ${x.label} (${name}) — ${x.reason}`);
	}
	lines.push(
		'',
		'RESTAURATION',
		'1. Ouvrez Pilot, puis « Sauvegarde & Restauration », onglet « Restaurer ».',
		'2. Sélectionnez ce fichier .zip (ou glissez-le sur la page).',
		'3. Vérifiez l’aperçu par module, puis cliquez sur « Restaurer les données ».',
		'4. Vos données actuelles sont d’abord mises de côté : « Annuler la restauration » les rétablit.',
		'',
		'Ne modifiez pas les fichiers de cette archive : chaque table est vérifiée par son empreinte SHA-256.',
		'Format détaillé : docs/backup-format.md du projet Pilot.',
		''
	);
	return lines.join('\n');
}
