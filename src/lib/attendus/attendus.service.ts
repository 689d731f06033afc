/**
 * Every write of the Attendus module: in one transaction under the app's write lock, errors reported
 * in French (handleError) and `undefined`/false returned on failure; each success offers "Annuler".
 */
import { db } from '$lib/db/pilot-db';
import type { AttendusClientRecord, AttendusManualRecord } from '$lib/db/records';
import { withWrite } from '$lib/db/write-lock';
import { PilotError } from '$lib/i18n/errors';
import { plural } from '$lib/i18n/format';
import { noteSignificantChange, restoreSnapshot, takeSafetySnapshot } from '$lib/backup/snapshots.service';
import { deleteDatasets, putBundle, readBundle } from '$lib/intake/datasets.repository';
import { importFile, type ProgressFn } from '$lib/intake/intake.service';
import { handleError, notifySuccess } from '$lib/state/notifications.svelte';
import {
	CLIENTS_PREDEFINIS,
	checkNewClient,
	clientInUse,
	normClient,
	validateEntry,
	type EntryDraft,
	type Kpis
} from './attendus.logic';
import { writeSummary } from '$lib/db/summaries.repository';
import { manualBasis, STORE, SUMMARY_VERSION, type AttendusData } from './attendus.repository';

const isPredefined = (name: string) => (CLIENTS_PREDEFINIS as readonly string[]).includes(name);

/** Imports a received-lines CSV next to the earlier ones (the latest wins for an attendu both hold). */
export async function importCsv(
	file: File,
	opts: {
		onProgress?: ProgressFn;
		signal?: AbortSignal;
		confirmBadLines?: (errors: { line: number; message: string }[], fileName: string) => Promise<boolean>;
	} = {}
): Promise<string | undefined> {
	const dataset = await importFile({
		store: STORE,
		slot: 'csv',
		parser: 'attendus',
		file,
		period: null,
		...opts
	});
	if (!dataset) return undefined;
	notifySuccess(
		`Fichier importé avec succès ! ${plural(dataset.rowCount, 'ligne traitée', 'lignes traitées')}.`,
		{
			label: 'Annuler',
			run: () => void removeImport(dataset.id, false)
		}
	);
	noteSignificantChange(`Attendus importés (${dataset.fileName})`);
	return dataset.id;
}

/** Removes an imported file and its lines; "Annuler" puts them back as they were. */
export async function removeImport(id: string, offerUndo = true): Promise<boolean> {
	try {
		const bundle = await readBundle(STORE, [id]);
		const name = bundle.datasets[0]?.fileName;
		if (!name) throw new PilotError('not-found', { what: 'Le fichier importé' });
		await deleteDatasets(STORE, [id]);
		notifySuccess(
			`Import « ${name} » supprimé.`,
			offerUndo
				? {
						label: 'Annuler',
						run: async () => {
							try {
								await putBundle(STORE, bundle);
								notifySuccess(`Import « ${name} » rétabli.`);
							} catch (err) {
								handleError(err, "Annulation de la suppression de l'import");
							}
						}
					}
				: undefined
		);
		return true;
	} catch (err) {
		handleError(err, "Suppression de l'import");
		return false;
	}
}

function checkedEntry(draft: EntryDraft) {
	const result = validateEntry(draft);
	if (!result.ok) throw new PilotError('validation', { message: result.error });
	return result.fields;
}

/** Adds the client to the custom list when it is neither predefined nor listed yet; true if added. */
async function ensureClient(name: string): Promise<boolean> {
	if (isPredefined(name) || (await db.attendusClients.get(name))) return false;
	await db.attendusClients.add({ name, createdAt: Date.now() });
	return true;
}

/**
 * Creates a manual entry; with `newClient` (« ➕ Nouveau client » picked) its client joins the custom
 * list unless already listed. Annuler removes both.
 */
export async function createEntry(
	draft: EntryDraft,
	{ newClient: asked = false }: { newClient?: boolean } = {}
): Promise<AttendusManualRecord | undefined> {
	try {
		const fields = checkedEntry(draft);
		const record: AttendusManualRecord = { id: crypto.randomUUID(), ...fields, createdAt: Date.now() };
		const newClient = await withWrite([db.attendusManual, db.attendusClients], async () => {
			const added = asked && (await ensureClient(record.client));
			await db.attendusManual.add(record);
			return added;
		});
		const clientText = newClient ? ` Nouveau client ${record.client} ajouté à la liste.` : '';
		notifySuccess(`Entrée ajoutée pour ${record.client} - ${record.attendu}.${clientText}`, {
			label: 'Annuler',
			run: () =>
				undo('Ajout annulé.', async () => {
					await db.attendusManual.delete(record.id);
					if (newClient) await db.attendusClients.delete(record.client);
				})
		});
		noteSignificantChange('Saisie manuelle de conditionnement');
		return record;
	} catch (err) {
		handleError(err, "Enregistrement de l'entrée");
		return undefined;
	}
}

/** Updates one manual entry; Annuler puts its previous values back. */
export async function updateEntry(
	id: string,
	draft: EntryDraft,
	{ newClient: asked = false }: { newClient?: boolean } = {}
): Promise<AttendusManualRecord | undefined> {
	try {
		const fields = checkedEntry(draft);
		const { before, after, newClient } = await withWrite(
			[db.attendusManual, db.attendusClients],
			async () => {
				const before = await db.attendusManual.get(id);
				if (!before) throw new PilotError('not-found', { what: "L'entrée manuelle" });
				const newClient = asked && (await ensureClient(fields.client));
				const after = { ...before, ...fields };
				await db.attendusManual.put(after);
				return { before, after, newClient };
			}
		);
		notifySuccess(`Entrée modifiée avec succès ! (${after.client} - ${after.attendu})`, {
			label: 'Annuler',
			run: () =>
				undo('Modification annulée.', async () => {
					await db.attendusManual.put(before);
					if (newClient) await db.attendusClients.delete(after.client);
				})
		});
		return after;
	} catch (err) {
		handleError(err, "Modification de l'entrée");
		return undefined;
	}
}

/** Deletes one manual entry; Annuler puts it back. */
export async function deleteEntry(id: string): Promise<boolean> {
	try {
		const before = await withWrite([db.attendusManual], async () => {
			const before = await db.attendusManual.get(id);
			if (!before) throw new PilotError('not-found', { what: "L'entrée manuelle" });
			await db.attendusManual.delete(id);
			return before;
		});
		notifySuccess(`Entrée supprimée (${before.client} - ${before.attendu}).`, {
			label: 'Annuler',
			run: () => undo('Suppression annulée : entrée rétablie.', () => db.attendusManual.put(before))
		});
		return true;
	} catch (err) {
		handleError(err, "Suppression de l'entrée");
		return false;
	}
}

async function undo(done: string, write: () => Promise<unknown>): Promise<void> {
	try {
		await withWrite([db.attendusManual, db.attendusClients], write);
		notifySuccess(done);
	} catch (err) {
		handleError(err, 'Annulation');
	}
}

/** Adds a custom client ("Ajouter un Client Rapidement"); returns its stored name. */
export async function addClient(name: string): Promise<string | undefined> {
	try {
		const custom = (await db.attendusClients.toArray()).map((c) => c.name);
		const checked = checkNewClient(name, custom);
		if (!checked.ok) throw new PilotError('validation', { message: checked.error });
		await withWrite([db.attendusClients], () =>
			db.attendusClients.add({ name: checked.name, createdAt: Date.now() })
		);
		notifySuccess(`Client ${checked.name} ajouté !`, {
			label: 'Annuler',
			run: () =>
				undo(`Ajout du client ${checked.name} annulé.`, () => db.attendusClients.delete(checked.name))
		});
		return checked.name;
	} catch (err) {
		handleError(err, 'Ajout du client');
		return undefined;
	}
}

/** Removes a custom client, refused while attendus (CSV or manual) use it, whatever the case. */
export async function deleteClient(name: string, lines: readonly { client: string }[]): Promise<boolean> {
	try {
		const record = await withWrite([db.attendusClients, db.attendusManual], async () => {
			const manual = await db.attendusManual.toArray();
			if (clientInUse(name, lines, manual))
				throw new PilotError('validation', {
					message: `❌ Impossible de supprimer ${normClient(name)} : utilisé dans des attendus existants.`
				});
			const record: AttendusClientRecord | undefined = await db.attendusClients.get(name);
			if (!record) throw new PilotError('not-found', { what: `Le client ${name}` });
			await db.attendusClients.delete(name);
			return record;
		});
		notifySuccess(`Client ${name} supprimé.`, {
			label: 'Annuler',
			run: () => undo(`Client ${name} rétabli.`, () => db.attendusClients.put(record))
		});
		return true;
	} catch (err) {
		handleError(err, 'Suppression du client');
		return false;
	}
}

/**
 * "Réinitialiser tout": every imported CSV and manual entry, after a safety snapshot; custom clients
 * are kept, as in the legacy. Annuler brings the module back from the snapshot.
 */
export async function resetAttendus(): Promise<boolean> {
	try {
		const snapshotId = await takeSafetySnapshot('Avant réinitialisation des Attendus de Réception');
		const tables = [db.datasets(STORE), db.chunks(STORE), db.attendusManual];
		await withWrite(tables, async () => {
			for (const t of tables) await t.clear();
		});
		notifySuccess('Toutes les données ont été réinitialisées (clients personnalisés conservés).', {
			label: 'Annuler',
			run: async () => {
				await restoreSnapshot(snapshotId, { modules: ['attendus'] });
			}
		});
		return true;
	} catch (err) {
		handleError(err, 'Réinitialisation des Attendus de Réception');
		return false;
	}
}

/** Keeps what the page computed as the module's summary, which the home tile reads instead of the rows. */
export function saveTileSummary(data: AttendusData, k: Kpis): Promise<void> {
	return writeSummary(
		STORE,
		SUMMARY_VERSION,
		data.files,
		{ attendus: k.nbAttendus, palettes: k.totalPalettes, cartons: k.totalCartons },
		manualBasis(data.manual)
	);
}
