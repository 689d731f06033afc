import { db } from '$lib/db/pilot-db';
import type { ClaimRecord } from '$lib/db/records';
import { withWrite } from '$lib/db/write-lock';
import { PilotError } from '$lib/i18n/errors';
import { plural } from '$lib/i18n/format';
import { noteSignificantChange } from '$lib/backup/snapshots.service';
import { readFile } from '$lib/intake/read';
import { handleError, notifySuccess } from '$lib/state/notifications.svelte';
import { claimKey, parseClaimsWorkbook } from './claims.import';
import { withStatusDates } from './claims.logic';
import { author } from './claims.service';

/**
 * Imports a claims workbook (the legacy export or ours). Read and checked before any write; a bad line
 * refuses the whole file naming it; claims already stored are skipped; one transaction.
 */
export async function importClaimsWorkbook(
	file: File
): Promise<{ added: number; skipped: number } | undefined> {
	try {
		const { claims, errors } = parseClaimsWorkbook(
			readFile(new Uint8Array(await file.arrayBuffer()), file.name),
			file.name
		);
		if (errors.length)
			throw new PilotError('bad-lines', {
				file: file.name,
				count: errors.length,
				line: errors[0].line,
				message: errors[0].message
			});
		if (!claims.length) throw new PilotError('empty-file', { file: file.name });
		const by = await author();
		const result = await withWrite([db.claims], async () => {
			const known = new Set((await db.claims.toArray()).map(claimKey));
			const at = Date.now();
			const records: ClaimRecord[] = [];
			for (const fields of claims) {
				const key = claimKey(fields);
				if (known.has(key)) continue;
				known.add(key);
				records.push({
					id: crypto.randomUUID(),
					// The workbook's Date is when the claim was filed, or paid for a "Reçue" (legacy help text).
					...withStatusDates(fields, fields.date),
					createdAt: at,
					updatedAt: at,
					history: [{ at, by, field: 'created', from: file.name, to: fields.status }],
					evidence: []
				});
			}
			await db.claims.bulkAdd(records);
			return { added: records.length, skipped: claims.length - records.length };
		});
		notifySuccess(
			`« ${file.name} » : ${plural(result.added, 'indemnisation importée', 'indemnisations importées')}${result.skipped ? ` ; ${plural(result.skipped, 'déjà présente ignorée', 'déjà présentes ignorées')}` : ''}.`
		);
		if (result.added) noteSignificantChange('Indemnisations importées');
		return result;
	} catch (err) {
		handleError(err, 'Import des indemnisations');
		return undefined;
	}
}
