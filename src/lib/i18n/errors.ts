import { plural } from './format';

/**
 * Typed error codes, created where a fault is found and turned into French sentences here only.
 * Each message says what happened and what to do; `details` names the file, line or table.
 * A library's own (English) message goes in `details.cause`, for the console: no sentence prints it.
 */
export type ErrorCode =
	| 'unexpected'
	| 'quota-exceeded'
	| 'storage-unavailable'
	| 'transaction-aborted'
	| 'cancelled'
	| 'not-found'
	| 'validation'
	| 'write-locked'
	| 'missing-column'
	| 'missing-sheet'
	| 'unreadable-file'
	| 'unsupported-format'
	| 'empty-file'
	| 'already-imported'
	| 'bad-lines'
	| 'bad-invoice-lines'
	| 'invalid-zip'
	| 'corrupt-entry'
	| 'empty-archive'
	| 'truncated'
	| 'checksum-mismatch'
	| 'row-count-mismatch'
	| 'missing-manifest'
	| 'missing-table-file'
	| 'missing-blob'
	| 'unknown-format'
	| 'newer-version'
	| 'malformed-json'
	| 'unsafe-path'
	| 'too-large'
	| 'password-required'
	| 'wrong-password'
	| 'legacy-backup'
	| 'legacy-empty'
	| 'legacy-foreign'
	| 'claim-status-step'
	| 'attachment-rejected'
	| 'refacturation-empty'
	| 'pickle-refused'
	| 'pickle-truncated'
	| 'pickle-malformed'
	| 'pickle-too-large'
	| 'snapshot-no-room'
	| 'sync-insecure'
	| 'sync-bad-address'
	| 'sync-auth'
	| 'sync-unreachable'
	| 'sync-forbidden'
	| 'sync-no-database'
	| 'sync-session-expired';

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
		`Une erreur inattendue est survenue${d.context ? ` (${d.context})` : ''} : ${d.message ?? 'détail consigné dans la console du navigateur'}. Vos données n'ont pas été modifiées ; réessayez, et si l'erreur persiste, créez une sauvegarde puis rechargez la page.`,
	'snapshot-no-room': (d) =>
		`L'espace de stockage du navigateur est plein : aucun nouvel instantané n'a pu être écrit, et aucun instantané existant n'a été effacé${d.last ? ` (le plus récent date du ${d.last})` : ''}, et vos données n'ont pas été modifiées. Téléchargez une sauvegarde (Sauvegarde & Restauration → « Créer la sauvegarde »), puis libérez de la place : supprimez d'anciens instantanés, ou des fichiers importés et des analyses archivées dont vous n'avez plus besoin.`,
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
		`Une sauvegarde ou une restauration est en cours : l'écriture reprendra dès qu'elle sera terminée.`,
	'missing-column': (d) =>
		`Le fichier « ${d.file} »${d.sheet && d.sheet !== 'csv' ? ` (feuille « ${d.sheet} »)` : ''} n'a pas la ou les colonnes attendues : ${d.missing}. Colonnes attendues : ${d.expected}. Colonnes trouvées : ${d.found}. Vérifiez que c'est le bon fichier, ou renommez l'en-tête de colonne.`,
	'missing-sheet': (d) =>
		`Le fichier « ${d.file} » n'a pas de feuille « ${d.expected} » (feuilles trouvées : ${d.found}). Choisissez le bon classeur ou renommez la feuille, puis réimportez-le.`,
	'unreadable-file': (d) =>
		`Fichier illisible ${UNREADABLE[String(d.reason)] ?? UNREADABLE.damaged} : « ${d.file} », rien n'a été importé. ${d.reason === 'password' ? 'Ouvrez-le dans Excel, enregistrez-le sans mot de passe, puis réessayez.' : "Vérifiez que c'est le bon fichier ; s'il s'ouvre dans Excel, enregistrez-le de nouveau en .xlsx ou .csv, puis réessayez."}`,
	'unsupported-format': (d) =>
		`Le fichier « ${d.file} » n'est pas d'un format accepté (${d.expected}) : rien n'a été importé. Choisissez un fichier ${d.expected}.`,
	'empty-file': (d) =>
		d.bytes === 0
			? `Fichier vide : « ${d.file} » fait 0 octet, rien n'a été importé. Reprenez le fichier d'origine (un téléchargement ou une copie interrompus laissent un fichier vide).`
			: `Le fichier « ${d.file} » ne contient aucune ligne de données : rien n'a été importé. Vérifiez que c'est le bon fichier.`,
	'already-imported': (d) =>
		`Le fichier « ${d.file} » est déjà importé${d.as ? ` (sous le nom « ${d.as} »` : ''}${d.at ? `${d.as ? ', ' : ' ('}le ${d.at})` : d.as ? ')' : ''} : il n'a pas été ajouté une deuxième fois. Supprimez l'import existant si vous voulez le remplacer.`,
	// A carrier invoice is never imported without some of its lines: every billed euro counts (RULINGS 21).
	'bad-invoice-lines': (d) =>
		`La facture « ${d.file} » a ${plural(Number(d.count), 'ligne illisible', 'lignes illisibles')} — ligne ${d.line} : ${d.message}. Rien n'a été importé : une ligne de facture n'est jamais écartée, chaque euro facturé doit être compté. Corrigez ces cellules dans le fichier, puis importez-le de nouveau.`,
	'bad-lines': (d) =>
		`Le fichier « ${d.file} » a ${plural(Number(d.count), 'ligne illisible', 'lignes illisibles')} — ligne ${d.line} : ${d.message}. Rien n'a été importé : corrigez le fichier, ou importez-le sans ces lignes (elles seront listées dans le détail de l'import).`,
	// Backup files (d.file = the file's name): nothing is written when one of these is raised.
	'invalid-zip': (d) =>
		`Le fichier « ${d.file ?? '?'} » n'est pas une archive ZIP lisible${d.reason ? ` (${d.reason})` : ''}. Choisissez le fichier .zip créé par « Créer la sauvegarde ». Aucune donnée n'a été modifiée.`,
	'corrupt-entry': (d) =>
		`La sauvegarde « ${d.file ?? '?'} » est altérée (${entryLabel(String(d.entry ?? '?'))}) : ses données compressées sont illisibles (copie ou support endommagé). Utilisez une autre copie de la sauvegarde. Aucune donnée n'a été modifiée.`,
	'empty-archive': (d) =>
		`Le fichier « ${d.file ?? '?'} » est vide (0 octet ou archive sans contenu). Choisissez le fichier .zip téléchargé lors de la sauvegarde. Aucune donnée n'a été modifiée.`,
	truncated: (d) =>
		`Le fichier « ${d.file ?? '?'} » est incomplet (téléchargement ou copie interrompu). Reprenez une copie complète de la sauvegarde. Aucune donnée n'a été modifiée.`,
	'checksum-mismatch': (d) =>
		`La sauvegarde « ${d.file ?? '?'} » est altérée : le contenu de la table « ${d.table ?? '?'} » ne correspond pas à son empreinte SHA-256. Utilisez une autre copie de la sauvegarde. Aucune donnée n'a été modifiée.`,
	'row-count-mismatch': (d) =>
		`La sauvegarde « ${d.file ?? '?'} » est altérée : la table « ${d.table ?? '?'} » contient ${plural(Number(d.found), 'enregistrement')} au lieu de ${d.expected ?? '?'}. Utilisez une autre copie. Aucune donnée n'a été modifiée.`,
	'missing-manifest': (d) =>
		`Le fichier « ${d.file ?? '?'} » ne contient pas de manifest.json : ce n'est pas une sauvegarde Pilot. Choisissez le fichier créé par « Créer la sauvegarde ». Aucune donnée n'a été modifiée.`,
	'missing-table-file': (d) =>
		`La sauvegarde « ${d.file ?? '?'} » est incomplète : le fichier de la table « ${d.table ?? '?'} » (${d.entry ?? '?'}) manque. Utilisez une autre copie. Aucune donnée n'a été modifiée.`,
	'missing-blob': (d) =>
		`La sauvegarde « ${d.file ?? '?'} » est incomplète : un fichier joint de la table « ${d.table ?? '?'} » (${d.entry ?? '?'}) manque. Utilisez une autre copie. Aucune donnée n'a été modifiée.`,
	'unknown-format': (d) =>
		`Le fichier « ${d.file ?? '?'} » n'est pas au format des sauvegardes Pilot (format « ${d.format ?? 'inconnu'} »). Choisissez le fichier créé par « Créer la sauvegarde ». Aucune donnée n'a été modifiée.`,
	'newer-version': (d) =>
		`La sauvegarde « ${d.file ?? '?'} » a été créée par une version plus récente de Pilot (${d.what ?? 'format'} ${d.found ?? '?'}, cette application lit jusqu'à ${d.supported ?? '?'}) : mettez à jour l'application (rechargez la page en ligne), puis réessayez. Aucune donnée n'a été modifiée.`,
	'malformed-json': (d) =>
		`La sauvegarde « ${d.file ?? '?'} » est illisible : ${d.table ? `table « ${d.table} », ` : ''}${d.line ? `ligne ${d.line}` : `fichier ${d.entry ?? '?'}`} n'est pas du JSON valide${d.reason ? ` (${d.reason})` : ''}. Utilisez une autre copie. Aucune donnée n'a été modifiée.`,
	'unsafe-path': (d) =>
		`Le fichier « ${d.file ?? '?'} » contient un chemin dangereux (« ${d.entry ?? '?'} ») : archive refusée par sécurité. Aucune donnée n'a été modifiée.`,
	'too-large': (d) =>
		`Le fichier « ${d.file ?? '?'} » se décompresse en plus de ${d.limit ?? '?'}${d.entry ? ` (entrée « ${d.entry} »)` : ''} : archive refusée par sécurité (bombe de décompression ?). Aucune donnée n'a été modifiée.`,
	'password-required': (d) =>
		`La sauvegarde « ${d.file ?? '?'} » est chiffrée : saisissez son mot de passe, puis réessayez.`,
	'wrong-password': (d) =>
		`Mot de passe incorrect pour la sauvegarde « ${d.file ?? '?'} » (ou fichier altéré) : vérifiez le mot de passe et réessayez. Aucune donnée n'a été modifiée.`,
	'legacy-backup': (d) =>
		`« ${d.file ?? '?'} » est une sauvegarde de l'ancienne application Pilot (Streamlit, fichiers .pkl) : importez-la depuis l'onglet « Restaurer » de « Sauvegarde & Restauration », qui en montre d'abord le contenu. Aucune donnée n'a été modifiée.`,
	'legacy-empty': (d) =>
		`« ${d.file ?? '?'} » ressemble à une sauvegarde de l'ancienne application (metadata.json) mais ne contient aucun fichier de données .pkl : rien à importer. Elle contient : ${d.found ?? '?'}. Choisissez une sauvegarde complète (dossier data/). Aucune donnée n'a été modifiée.`,
	'legacy-foreign': (d) =>
		`« ${d.file ?? '?'} » contient des fichiers .pkl qui ne viennent pas de l'ancienne application Pilot (${d.found ?? '?'}) : import refusé. Choisissez une sauvegarde « pilot_GREENLOG_backup_….zip ». Aucune donnée n'a été modifiée.`,
	// Indemnisations.
	'claim-status-step': (d) =>
		`L'indemnisation ${d.tracking ?? ''} ne peut pas passer de « ${d.from} » à « ${d.to} » : ${d.to === 'Reçue' || d.to === 'Acceptée' || d.to === 'Refusée' ? "déclarez-la d'abord (statut « En attente »)" : `choisissez une étape suivante (${d.allowed})`}. Rien n'a été modifié.`,
	'attachment-rejected': (d) =>
		d.reason === 'size'
			? `Le fichier « ${d.file} » dépasse ${d.limit} : réduisez la photo ou scindez le PDF, puis joignez-le de nouveau. Aucune pièce n'a été ajoutée.`
			: `Le fichier « ${d.file} » n'est ni une photo (PNG, JPEG, WebP, HEIC) ni un PDF : son contenu ne correspond à aucun de ces formats, quel que soit son nom (SVG et pages HTML sont refusés par sécurité). Joignez la photo ou le PDF d'origine. Aucune pièce n'a été ajoutée.`,
	// Export Refacturation.
	'refacturation-empty': () =>
		`❌ Aucune donnée à exporter avec les filtres sélectionnés : aucune ligne à refacturer (montant positif) sur les périodes et partenaires choisis. Choisissez d'autres périodes ou partenaires, ou importez les factures des transporteurs.`,
	// Pickles of the old app's backups (d.file = the .pkl inside the ZIP): read as data, never executed.
	'pickle-refused': (d) =>
		`Le fichier « ${d.file ?? '?'} » a un contenu non reconnu : ${d.what ?? '?'}. Il a été refusé sans rien exécuter ; rien n'a été importé.`,
	'pickle-truncated': (d) =>
		`Le fichier « ${d.file ?? '?'} » est tronqué (il s'arrête à l'octet ${d.offset ?? '?'}${d.needed ? ` alors qu'il annonce encore ${plural(Number(d.needed), 'octet')}` : ''}) : reprenez une copie complète de la sauvegarde. Rien n'a été importé.`,
	'pickle-malformed': (d) =>
		`Le fichier « ${d.file ?? '?'} » est illisible (octet ${d.offset ?? '?'} : ${d.reason ?? 'structure inattendue'}) : ce n'est pas une donnée de l'ancienne application, ou elle est altérée. Rien n'a été importé.`,
	'pickle-too-large': (d) =>
		`Le fichier « ${d.file ?? '?'} » dépasse une limite de sécurité (${d.what ?? '?'} : plus de ${d.limit ?? '?'}) : il a été refusé. Rien n'a été importé.`,
	// Team sync (src/lib/sync).
	'sync-bad-address': (d) =>
		`Adresse du serveur invalide « ${d.url} » : indiquez une adresse complète, par exemple https://couchdb.example.fr.`,
	'sync-insecure': (d) =>
		`Le serveur « ${d.url} » n'est pas en HTTPS : le mot de passe et les données circuleraient en clair. Utilisez une adresse https:// (seul localhost est accepté en http).`,
	'sync-auth': (d) =>
		`Connexion refusée par ${d.server} : identifiant ou mot de passe incorrect. Vérifiez-les puis réessayez.`,
	'sync-unreachable': (d) =>
		`Serveur injoignable (${d.server}) : vérifiez l'adresse et le réseau. Vos données restent sur cet appareil.`,
	'sync-forbidden': (d) =>
		`Pas d'accès à la base « ${d.db} » pour « ${d.user} » : demandez à l'administrateur de vous ajouter à ses membres (_security).`,
	'sync-no-database': (d) =>
		`La base de l'équipe « ${d.db} » n'existe pas sur ${d.server} : vérifiez son nom, ou demandez à l'administrateur de la créer.`,
	'sync-session-expired': (d) =>
		`Session expirée sur ${d.server} : saisissez de nouveau votre mot de passe puis « Connecter ». Les modifications restent en attente sur cet appareil.`
};

/** Why an intake file is unreadable, as the user can check it. */
const UNREADABLE: Record<string, string> = {
	'not-spreadsheet': "(ce n'est pas un classeur Excel ni un CSV)",
	password: '(classeur protégé par un mot de passe)',
	damaged: '(classeur Excel endommagé ou dans un format que Pilot ne lit pas)'
};

/** `tables/claims.ndjson` → « table « claims » », `blobs/…` → a joined file. */
function entryLabel(entry: string): string {
	const table = /^tables\/(.+)\.ndjson$/.exec(entry)?.[1];
	if (table) return `table « ${table} »`;
	return entry.startsWith('blobs/') ? `fichier joint ${entry}` : `entrée « ${entry} »`;
}

/** IndexedDB and Dexie errors by name: their messages are English, never shown. */
const STORAGE_ERRORS: Record<string, ErrorCode> = {
	QuotaExceededError: 'quota-exceeded',
	MissingAPIError: 'storage-unavailable',
	InvalidStateError: 'storage-unavailable',
	DatabaseClosedError: 'storage-unavailable',
	OpenFailedError: 'storage-unavailable',
	VersionError: 'storage-unavailable',
	AbortError: 'transaction-aborted',
	ConstraintError: 'transaction-aborted',
	DataError: 'transaction-aborted',
	DataCloneError: 'transaction-aborted',
	TransactionInactiveError: 'transaction-aborted',
	ReadOnlyError: 'transaction-aborted',
	TimeoutError: 'transaction-aborted'
};

/** The French sentence for any error: typed codes first, then the browser's storage errors. */
export function errorMessage(error: unknown): string {
	if (error instanceof PilotError) return MESSAGES[error.code](error.details);
	const e = error as { name?: string; inner?: { name?: string }; failures?: { name?: string }[] } | null;
	// Dexie wraps the browser's error (`inner`; a BulkError lists `failures`): the storage fault wins.
	const names = [e?.inner?.name, e?.failures?.[0]?.name, e?.name].filter((n): n is string => !!n);
	if (names.includes('QuotaExceededError')) return MESSAGES['quota-exceeded']({});
	const code = names.map((n) => STORAGE_ERRORS[n]).find(Boolean);
	if (code) return MESSAGES[code]({});
	// Anything else is a bug or a library's fault: its English message stays in the console.
	return MESSAGES.unexpected({});
}
