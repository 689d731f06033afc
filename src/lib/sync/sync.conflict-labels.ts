/**
 * What a conflict is called on screen: a claim by its tracking, a justificatif by its file, a
 * Conditionnement entry by its client and attendu, a setting by what Paramètres calls it — never a
 * table name or a raw key.
 */
import { FIELD_LABELS } from '$lib/claims/claims.logic';
import { TABLE_REGISTRY } from '$lib/db/registry';
import { formatCents, formatDateTime } from '$lib/i18n/format';
import {
	DEADLINES_SETTING_KEY,
	type CarrierDeadline,
	type DeadlineSettings
} from '$lib/claims/claims.deadlines';
import { SETTING_KEYS } from '$lib/settings/settings.repository';
import { differingFields, type Conflict } from './sync.conflicts';

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

/** One line of the side-by-side view: what differs, and how each version shows it. */
export interface ConflictRow {
	label: string;
	values: string[];
}

const days = (n: number | null | undefined) =>
	typeof n === 'number' ? `${n.toLocaleString('fr-FR')} jour${n > 1 ? 's' : ''}` : '—';

/** A carrier's claim window as Paramètres words it, one entry per column of its table. */
function ruleFields(r: CarrierDeadline): [string, string][] {
	return [
		[
			'Délai',
			`${days(r.windowDays)} à compter de ${r.startsFrom === 'livraison' ? 'la livraison' : "l'expédition"}`
		],
		['Délai litige facture', days(r.billingDays)],
		['Responsabilité / plafond', r.liability || '—'],
		['Source', r.source || '—'],
		['À vérifier', r.toVerify ? 'Oui' : 'Non']
	];
}

/** A setting's value as the lines Paramètres shows, never its JSON. */
function settingFields(key: string, value: unknown): Map<string, string> {
	if (key !== DEADLINES_SETTING_KEY || !value || typeof value !== 'object')
		return new Map([['Valeur', conflictValue('value', value)]]);
	const s = value as Partial<DeadlineSettings>;
	const lines = new Map<string, string>();
	for (const r of [...(s.rules ?? []), ...(s.fallback ? [s.fallback] : [])])
		for (const [field, text] of ruleFields(r)) lines.set(`${r.carrier} — ${field}`, text);
	lines.set('Relancer une réclamation sans réponse après', days(s.followUpDays));
	lines.set("Alerter quand l'échéance approche", `${days(s.warnDays)} avant`);
	return lines;
}

/** The lines on which the versions differ, labelled and formatted for the user. */
export function conflictRows(c: Pick<Conflict, 'table' | 'key' | 'versions'>): ConflictRow[] {
	if (c.table === 'settings') {
		const each = c.versions.map((v) => settingFields(c.key, v.data.value));
		const labels = [...new Set(each.flatMap((m) => [...m.keys()]))];
		return labels
			.map((label) => ({ label, values: each.map((m) => m.get(label) ?? '—') }))
			.filter((row) => new Set(row.values).size > 1);
	}
	return differingFields(c.versions).map((f) => ({
		label: conflictFieldLabel(c.table, f),
		values: c.versions.map((v) => conflictValue(f, v.data[f]))
	}));
}
