import { db } from '$lib/db/pilot-db';
import { withWrite } from '$lib/db/write-lock';

/** Keys of the settings table, in one place so modules do not invent overlapping names. */
export const SETTING_KEYS = {
	userName: 'user.name',
	/** Bibliothèque: archive every analysis by itself (off by default, issue 13 item 14). */
	autoArchive: 'library.autoArchive'
} as const;

export async function getSetting<T>(key: string, fallback: T): Promise<T> {
	const record = await db.settings.get(key);
	return record === undefined ? fallback : (record.value as T);
}

/** Writes one setting, after any backup or restore in progress (the app-wide write lock). */
export async function putSetting(key: string, value: unknown): Promise<void> {
	await withWrite([db.settings], () => db.settings.put({ key, value, updatedAt: Date.now() }));
}

/** The name of the person using this device, written into claim histories ("" when not set). */
export async function getUserName(): Promise<string> {
	return getSetting(SETTING_KEYS.userName, '');
}

export async function setUserName(name: string): Promise<void> {
	await putSetting(SETTING_KEYS.userName, name);
}

/** Whether each new analysis is archived in the Bibliothèque by itself (off unless the user turned it on). */
export async function getAutoArchive(): Promise<boolean> {
	return (await getSetting(SETTING_KEYS.autoArchive, false)) === true;
}

export async function setAutoArchive(on: boolean): Promise<void> {
	await putSetting(SETTING_KEYS.autoArchive, on);
}
