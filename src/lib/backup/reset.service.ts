import { db } from '$lib/db/pilot-db';
import { TABLE_REGISTRY } from '$lib/db/registry';
import { withWrite } from '$lib/db/write-lock';
import { moduleInfo, type ModuleId } from '$lib/modules';
import { handleError, notifySuccess } from '$lib/state/notifications.svelte';
import { restoreSnapshot, takeSafetySnapshot } from './snapshots.service';

/**
 * Empties every backed-up table a module owns, in one transaction, after a safety snapshot;
 * the success message offers "Annuler", which restores that module's tables from the snapshot.
 */
export async function resetModule(owner: ModuleId): Promise<boolean> {
	const label = moduleInfo(owner).label;
	try {
		const tables = db.tables.filter(
			(t) => TABLE_REGISTRY[t.name]?.owner === owner && TABLE_REGISTRY[t.name].backup
		);
		const snapshotId = await takeSafetySnapshot(`Avant réinitialisation du module « ${label} »`);
		await withWrite(tables, async () => {
			for (const table of tables) await table.clear();
		});
		notifySuccess(`Module « ${label} » réinitialisé : ses données ont été effacées.`, {
			label: 'Annuler',
			run: async () => {
				await restoreSnapshot(snapshotId, { modules: [owner] });
			}
		});
		return true;
	} catch (error) {
		handleError(error, `Réinitialisation du module « ${label} »`);
		return false;
	}
}
