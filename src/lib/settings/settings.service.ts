import { PilotError } from '$lib/i18n/errors';
import { handleError, notifySuccess } from '$lib/state/notifications.svelte';
import * as repository from './settings.repository';

export const USER_NAME_MAX = 60;

/** Trims and checks a user name; throws a French validation error when it cannot be stored. */
export function normaliseUserName(raw: string): string {
	const name = raw.replace(/\s+/g, ' ').trim();
	if (name.length > USER_NAME_MAX)
		throw new PilotError('validation', {
			message: `Le nom d'utilisateur dépasse ${USER_NAME_MAX} caractères : raccourcissez-le.`
		});
	return name;
}

export { getAutoArchive, getUserName } from './settings.repository';

/** Saves the device's user name; reports any failure and returns the stored name, or undefined. */
export async function setUserName(raw: string): Promise<string | undefined> {
	try {
		const name = normaliseUserName(raw);
		await repository.setUserName(name);
		notifySuccess(name ? `Nom d'utilisateur enregistré : ${name}` : "Nom d'utilisateur effacé");
		return name;
	} catch (err) {
		handleError(err, "Enregistrement du nom d'utilisateur");
		return undefined;
	}
}

/** Turns automatic archiving on or off; reports it and returns whether it was stored. */
export async function setAutoArchive(on: boolean): Promise<boolean> {
	try {
		await repository.setAutoArchive(on);
		notifySuccess(
			on
				? 'Archivage automatique activé : chaque analyse sera archivée dans la Bibliothèque pour sa période.'
				: 'Archivage automatique désactivé.'
		);
		return true;
	} catch (err) {
		handleError(err, "Réglage de l'archivage automatique");
		return false;
	}
}
