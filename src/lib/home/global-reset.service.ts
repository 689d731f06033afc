import { db } from '$lib/db/pilot-db';
import { TABLE_REGISTRY } from '$lib/db/registry';
import { tableCounts, type UserCount } from '$lib/db/stats';
import { withWrite } from '$lib/db/write-lock';
import { restoreSnapshot, takeSafetySnapshot } from '$lib/backup/snapshots.service';
import { moduleInfo, type ModuleId } from '$lib/modules';
import { activity } from '$lib/state/activity.svelte';
import { handleError, notifySuccess } from '$lib/state/notifications.svelte';

/**
 * Kept by the global reset: the device's settings (user name, claim deadlines) and the backup
 * history and snapshots, which are what brings the data back.
 */
export const KEPT_BY_RESET: readonly ModuleId[] = ['parametres', 'sauvegarde'];

export interface ResetScope {
	module: ModuleId;
	label: string;
	/** What it holds, as a user counts it (files, rows, claims…). */
	counts: UserCount[];
}

function erasable(name: string): boolean {
	const info = TABLE_REGISTRY[name];
	return !!info && info.backup && !KEPT_BY_RESET.includes(info.owner);
}

/** What a global reset would erase, per module holding data, for the confirmation to name it. */
export async function resetScope(): Promise<ResetScope[]> {
	const byModule = new Map<ModuleId, UserCount[]>();
	for (const t of await tableCounts()) {
		if (erasable(t.name) && t.count > 0) byModule.set(t.owner, [...(byModule.get(t.owner) ?? []), t]);
	}
	return [...byModule].map(([module, counts]) => ({ module, label: moduleInfo(module).label, counts }));
}

/**
 * Empties every module's tables in one transaction, after a safety snapshot; the success message
 * offers "Annuler", which brings those modules back from the snapshot. Returns whether it worked.
 */
export async function resetAllModules(): Promise<boolean> {
	try {
		return await activity.run('Réinitialisation des données', async () => {
			const tables = db.tables.filter((t) => erasable(t.name));
			const modules = [...new Set(tables.map((t) => TABLE_REGISTRY[t.name].owner))];
			const snapshotId = await takeSafetySnapshot('Avant réinitialisation de toutes les données');
			await withWrite(tables, async () => {
				for (const table of tables) await table.clear();
			});
			notifySuccess('Toutes les données des modules ont été effacées (paramètres conservés).', {
				label: 'Annuler',
				run: async () => {
					await restoreSnapshot(snapshotId, { modules });
				}
			});
			return true;
		});
	} catch (error) {
		handleError(error, 'Réinitialisation de toutes les données');
		return false;
	}
}
