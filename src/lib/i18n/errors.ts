/**
 * Typed error codes, created where a fault is found and turned into French sentences here only.
 * Each message says what happened and what to do; `details` names the file, line or table.
 */
export type ErrorCode =
	| 'unexpected'
	| 'quota-exceeded'
	| 'storage-unavailable'
	| 'transaction-aborted'
	| 'cancelled'
	| 'not-found'
	| 'validation'
	| 'write-locked';

export type ErrorDetails = Record<string, string | number | undefined>;

export class PilotError extends Error {
	constructor(
		readonly code: ErrorCode,
		readonly details: ErrorDetails = {}
	) {
		super(code);
		this.name = 'PilotError';
	}
}

const MESSAGES: Record<ErrorCode, (d: ErrorDetails) => string> = {
	unexpected: (d) =>
		`Une erreur inattendue est survenue${d.context ? ` (${d.context})` : ''} : ${d.message ?? 'sans détail'}. Vos données n'ont pas été modifiées ; réessayez, et si l'erreur persiste, créez une sauvegarde puis rechargez la page.`,
	'quota-exceeded': (d) =>
		`L'espace de stockage du navigateur est plein${d.table ? ` (table « ${d.table} »)` : ''} : rien n'a été écrit. Libérez de la place (supprimez d'anciens instantanés ou fichiers) puis réessayez.`,
	'storage-unavailable': () =>
		`Le stockage local du navigateur est indisponible (navigation privée ou stockage bloqué). Ouvrez Pilot dans une fenêtre normale et autorisez le stockage du site.`,
	'transaction-aborted': (d) =>
		`L'écriture a été interrompue${d.table ? ` (table « ${d.table} »)` : ''} : aucune donnée n'a été modifiée. Réessayez.`,
	cancelled: () => `Opération annulée : aucune donnée n'a été modifiée.`,
	'not-found': (d) => `${d.what ?? 'Élément'} introuvable : il a peut-être été supprimé entre-temps.`,
	validation: (d) => `${d.message ?? 'Saisie invalide.'}`,
	'write-locked': () =>
		`Une sauvegarde ou une restauration est en cours : l'écriture reprendra dès qu'elle sera terminée.`
};

/** The French sentence for any error: typed codes first, then the browser's storage errors. */
export function errorMessage(error: unknown): string {
	if (error instanceof PilotError) return MESSAGES[error.code](error.details);
	const name = (error as { name?: string } | null)?.name;
	const inner = (error as { inner?: { name?: string } } | null)?.inner?.name;
	if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') return MESSAGES['quota-exceeded']({});
	if (name === 'AbortError' && inner !== 'QuotaExceededError') return MESSAGES['transaction-aborted']({});
	if (name === 'MissingAPIError' || name === 'InvalidStateError') return MESSAGES['storage-unavailable']({});
	const message = error instanceof Error ? error.message : String(error);
	return MESSAGES.unexpected({ message });
}
