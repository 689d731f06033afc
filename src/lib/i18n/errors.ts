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
	| 'write-locked'
	| 'missing-column'
	| 'missing-sheet'
	| 'unreadable-file'
	| 'unsupported-format'
	| 'empty-file'
	| 'already-imported'
	| 'bad-lines'
	| 'invalid-zip'
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
	| 'claim-status-step'
	| 'attachment-rejected'
	| 'refacturation-empty'
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
		`Une sauvegarde ou une restauration est en cours : l'écriture reprendra dès qu'elle sera terminée.`,
	'missing-column': (d) =>
		`Le fichier « ${d.file} »${d.sheet && d.sheet !== 'csv' ? ` (feuille « ${d.sheet} »)` : ''} n'a pas la ou les colonnes attendues : ${d.missing}. Colonnes attendues : ${d.expected}. Colonnes trouvées : ${d.found}. Vérifiez que c'est le bon fichier, ou renommez l'en-tête de colonne.`,
	'missing-sheet': (d) =>
		`Le fichier « ${d.file} » n'a pas de feuille « ${d.expected} » (feuilles trouvées : ${d.found}). Choisissez le bon classeur ou renommez la feuille, puis réimportez-le.`,
	'unreadable-file': (d) =>
		`Le fichier « ${d.file} » est illisible (${d.message ?? 'format inattendu'}) : rien n'a été importé. Ouvrez-le dans Excel, enregistrez-le de nouveau en .xlsx ou .csv, puis réessayez.`,
	'unsupported-format': (d) =>
		`Le fichier « ${d.file} » n'est pas d'un format accepté (${d.expected}) : rien n'a été importé. Choisissez un fichier ${d.expected}.`,
	'empty-file': (d) =>
		`Le fichier « ${d.file} » ne contient aucune ligne de données : rien n'a été importé. Vérifiez que c'est le bon fichier.`,
	'already-imported': (d) =>
		`Le fichier « ${d.file} » est déjà importé${d.as ? ` (sous le nom « ${d.as} »` : ''}${d.at ? `${d.as ? ', ' : ' ('}le ${d.at})` : d.as ? ')' : ''} : il n'a pas été ajouté une deuxième fois. Supprimez l'import existant si vous voulez le remplacer.`,
	'bad-lines': (d) =>
		`Le fichier « ${d.file} » a ${d.count} ligne(s) illisible(s) — ligne ${d.line} : ${d.message}. Rien n'a été importé : corrigez le fichier, ou importez-le sans ces lignes (elles seront listées dans le détail de l'import).`,
	// Backup files (d.file = the file's name): nothing is written when one of these is raised.
	'invalid-zip': (d) =>
		`Le fichier « ${d.file ?? '?'} » n'est pas une archive ZIP lisible${d.reason ? ` (${d.reason})` : ''}. Choisissez le fichier .zip créé par « Créer la sauvegarde ». Aucune donnée n'a été modifiée.`,
	'empty-archive': (d) =>
		`Le fichier « ${d.file ?? '?'} » est vide (0 octet ou archive sans contenu). Choisissez le fichier .zip téléchargé lors de la sauvegarde. Aucune donnée n'a été modifiée.`,
	truncated: (d) =>
		`Le fichier « ${d.file ?? '?'} » est incomplet (téléchargement ou copie interrompu). Reprenez une copie complète de la sauvegarde. Aucune donnée n'a été modifiée.`,
	'checksum-mismatch': (d) =>
		`La sauvegarde « ${d.file ?? '?'} » est altérée : le contenu de la table « ${d.table ?? '?'} » ne correspond pas à son empreinte SHA-256. Utilisez une autre copie de la sauvegarde. Aucune donnée n'a été modifiée.`,
	'row-count-mismatch': (d) =>
		`La sauvegarde « ${d.file ?? '?'} » est altérée : la table « ${d.table ?? '?'} » contient ${d.found ?? '?'} enregistrement(s) au lieu de ${d.expected ?? '?'}. Utilisez une autre copie. Aucune donnée n'a été modifiée.`,
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
		`« ${d.file ?? '?'} » est une sauvegarde de l'ancienne application Pilot (Streamlit, fichiers .pkl) : elle ne peut pas être restaurée telle quelle. Elle contient : ${d.contents ?? '?'}. Ré-importez plutôt vos fichiers d'origine dans chaque module : ${d.reimport ?? '?'}. Aucune donnée n'a été modifiée.`,
	// Indemnisations.
	'claim-status-step': (d) =>
		`L'indemnisation ${d.tracking ?? ''} ne peut pas passer de « ${d.from} » à « ${d.to} » : ${d.to === 'Reçue' || d.to === 'Acceptée' || d.to === 'Refusée' ? "déclarez-la d'abord (statut « En attente »)" : `choisissez une étape suivante (${d.allowed})`}. Rien n'a été modifié.`,
	'attachment-rejected': (d) =>
		d.reason === 'size'
			? `Le fichier « ${d.file} » dépasse ${d.limit} : réduisez la photo ou scindez le PDF, puis joignez-le de nouveau. Aucune pièce n'a été ajoutée.`
			: `Le fichier « ${d.file} » n'est ni une photo ni un PDF : joignez des images (JPEG, PNG…) ou des PDF. Aucune pièce n'a été ajoutée.`,
	// Export Refacturation.
	'refacturation-empty': () =>
		`❌ Aucune donnée à exporter avec les filtres sélectionnés : aucune ligne à refacturer (montant positif) sur les périodes et partenaires choisis. Choisissez d'autres périodes ou partenaires, ou importez les factures des transporteurs.`,
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
