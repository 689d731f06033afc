/**
 * What a conflict is called on screen: a claim by its tracking, a justificatif by its file, a
 * Conditionnement entry by its client and attendu, a setting by what Paramètres calls it — never a
 * table name or a raw key.
 */
import { FIELD_LABELS } from '$lib/claims/claims.logic';
import { TABLE_REGISTRY } from '$lib/db/registry';
import { formatCents, formatDateTime } from '$lib/i18n/format';
import { DEADLINES_SETTING_KEY } from '$lib/claims/claims.deadlines';
import { SETTING_KEYS } from '$lib/settings/settings.repository';

/** Shared settings as the Paramètres page names them. */
const SETTING_LABELS: Record<string, string> = {
	[SETTING_KEYS.autoArchive]: 'Archiver automatiquement chaque analyse',
	[DEADLINES_SETTING_KEY]: 'Délais de réclamation des transporteurs'
};

const OTHER_FIELDS: Record<string, string> = {
	name: 'Nom',
	client: 'Client',
	attendu: 'Attendu',
	paletteMulti: 'Palettes multi-références',
	paletteMono: 'Palettes mono-référence',
	carton: 'Cartons',
	value: 'Valeur',
	title: 'Titre',
	period: 'Période',
	fileName: 'Fichier',
	createdAt: 'Création',
	addedAt: 'Ajout'
};

const TIMES = new Set(['createdAt', 'addedAt']);

const quoted = (value: unknown) => `« ${String(value ?? '')} »`;

export function conflictTitle(table: string, key: string, data: Record<string, unknown>): string {
	switch (table) {
		case 'claims':
			return `Indemnisation ${String(data.tracking ?? key)}`;
		case 'claimAttachments':
			return `Justificatif ${quoted(data.name ?? key)}`;
		case 'attendusManual':
			return `Saisie de conditionnement ${quoted(`${String(data.client)} — ${String(data.attendu)}`)}`;
		case 'attendusClients':
			return `Client personnalisé ${quoted(data.name ?? key)}`;
		case 'library':
			return `Analyse archivée ${quoted(data.title ?? key)}`;
		case 'settings':
			return `Paramètre ${quoted(SETTING_LABELS[key] ?? key)}`;
	}
	const label = TABLE_REGISTRY[table]?.label ?? 'Enregistrement';
	if (typeof data.fileName === 'string')
		return `Fichier ${quoted(data.fileName)} (${label.split(' — ').pop()})`;
	return `${label} ${quoted(key)}`;
}

export function conflictFieldLabel(table: string, field: string): string {
	return (table === 'claims' ? FIELD_LABELS[field] : undefined) ?? OTHER_FIELDS[field] ?? field;
}

export function conflictValue(field: string, value: unknown): string {
	if (value === null || value === undefined || value === '') return '—';
	if (field === 'amountCents' && typeof value === 'number') return formatCents(value);
	if (TIMES.has(field) && typeof value === 'number') return formatDateTime(value);
	if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
	if (typeof value === 'number') return value.toLocaleString('fr-FR');
	return typeof value === 'string' ? value : JSON.stringify(value);
}
