import { createHash } from 'node:crypto';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('$lib/backup/snapshots.service', () => ({
	noteSignificantChange: vi.fn(),
	takeSafetySnapshot: vi.fn(async () => 'snapshot-id'),
	restoreSnapshot: vi.fn(async () => true)
}));

vi.mock('$lib/logisticiens/logisticiens.repository', () => ({
	findByTracking: vi.fn(async (tracking: string) =>
		tracking === 'LOST1'
			? {
					partner: 'TERRE DE LIN',
					originOrder: 'TDL-1',
					partnerOrder: 'TD1',
					carrier: 'DPD',
					shipDate: '2026-09-15'
				}
			: undefined
	)
}));

import { noteSignificantChange, takeSafetySnapshot } from '$lib/backup/snapshots.service';
import { db } from '$lib/db/pilot-db';
import { tableCounts } from '$lib/db/stats';
import { setUserName } from '$lib/settings/settings.repository';
import { todayIso } from '$lib/i18n/format';
import { notifications } from '$lib/state/notifications.svelte';
import { emptyDraft, draftOf } from './claims.logic';
import { addAttachments } from './claims-attachments.service';
import { changeStatus, createClaim, deleteClaims, rematchUnattributed, updateClaim } from './claims.service';

/** The first bytes of a JPEG photo: attachments are recognised by them (RULINGS 25). */
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);

const seed = {
	...emptyDraft('2026-11-27'),
	tracking: 'TEST123',
	partner: 'Test',
	carrier: 'DPD',
	motif: 'Test backup',
	amount: '10,00'
};

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
	notifications.clear();
	await setUserName('Camille');
});

function lastAction() {
	return notifications.items.at(-1)?.action;
}

describe('claims service', () => {
	it('creates the seed claim with an id, author and history, and notes a significant change', async () => {
		const claim = await createClaim(seed);
		expect(claim).toBeDefined();
		const stored = await db.claims.get(claim!.id);
		expect(stored).toMatchObject({
			tracking: 'TEST123',
			amountCents: 1000,
			motif: 'Autre',
			motifOther: 'Test backup'
		});
		expect(stored!.filedDate).toBe(todayIso());
		expect(stored!.history[0]).toMatchObject({ by: 'Camille', field: 'created', to: 'En attente' });
		expect(noteSignificantChange).toHaveBeenCalled();
	});

	it('records every changed field, sets the payment date and refuses a step the workflow forbids', async () => {
		const claim = (await createClaim({ ...seed, status: 'À constituer' }))!;
		expect(await updateClaim(claim.id, { ...draftOf(claim), status: 'Reçue' })).toBeUndefined();
		expect(notifications.items.at(-1)?.text).toMatch(
			/TEST123 ne peut pas passer de « À constituer » à « Reçue » : déclarez-la d'abord/
		);
		const filed = (await updateClaim(claim.id, {
			...draftOf(claim),
			status: 'En attente',
			amount: '12.50'
		}))!;
		expect(filed.amountCents).toBe(1250);
		expect(
			filed.history
				.slice(1)
				.map((h) => h.field)
				.sort()
		).toEqual(['amountCents', 'filedDate', 'status']);
		const result = await changeStatus([filed.id], 'Reçue');
		expect(result).toEqual({ changed: 1, skipped: 0 });
		expect((await db.claims.get(claim.id))!.paidDate).not.toBeNull();
	});

	it('hashes a large attachment slice by slice to the same SHA-256 and CRC-32 as in one go', async () => {
		const claim = (await createClaim(seed))!;
		const bytes = new Uint8Array(2.5 * 1024 * 1024).map((_, i) => (i * 31) % 251);
		bytes.set([...'%PDF-1.7'].map((c) => c.charCodeAt(0)));
		const pdf = new File([bytes], 'constat.pdf', { type: 'application/pdf' });
		expect(await addAttachments(claim.id, [pdf])).toBe(1);
		const stored = (await db.claimAttachments.where('claimId').equals(claim.id).toArray())[0];
		expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
		expect(stored.crc32).toBe(zlibCrc32(bytes));
		await deleteClaims([claim.id]);
	});

	it('accepts attachments by their first bytes only: SVG and HTML named .pdf are refused, naming the file', async () => {
		const claim = (await createClaim(seed))!;
		const svg = new File(
			['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
			'plan.svg',
			{
				type: 'image/svg+xml'
			}
		);
		const fakePdf = new File(['<html><script>alert(1)</script></html>'], 'constat.pdf', {
			type: 'application/pdf'
		});
		for (const file of [svg, fakePdf]) {
			notifications.clear();
			expect(await addAttachments(claim.id, [file])).toBeUndefined();
			expect(notifications.items.map((n) => [n.kind, n.text])).toEqual([
				[
					'error',
					expect.stringContaining(`« ${file.name} » n'est ni une photo (PNG, JPEG, WebP, HEIC) ni un PDF`)
				]
			]);
		}
		// A real photo whose browser gave no type, or a wrong one, is stored with the type its bytes say.
		const untyped = new File([JPEG], 'IMG_0001', { type: '' });
		const mistyped = new File([new Uint8Array([...JPEG, 9])], 'scan.pdf', { type: 'application/pdf' });
		expect(await addAttachments(claim.id, [untyped, mistyped])).toBe(2);
		const stored = await db.claimAttachments.toArray();
		expect(stored.map((a) => [a.type, a.blob.type])).toEqual([
			['image/jpeg', 'image/jpeg'],
			['image/jpeg', 'image/jpeg']
		]);
	});

	it('deletes with its attachments, undoes, and leaves an empty table after the last one', async () => {
		const claim = (await createClaim(seed))!;
		const photo = new File([JPEG], 'colis.jpg', { type: 'image/jpeg' });
		expect(await addAttachments(claim.id, [photo, photo])).toBe(1);
		const attachment = (await db.claimAttachments.toArray())[0];
		expect(attachment.sha256).toBe(createHash('sha256').update(JPEG).digest('hex'));

		expect(await deleteClaims([claim.id])).toBe(1);
		expect(await db.claims.count()).toBe(0);
		expect(await db.claimAttachments.count()).toBe(0);
		await lastAction()!.run();
		expect(await db.claims.count()).toBe(1);
		expect(await db.claimAttachments.count()).toBe(1);

		await deleteClaims([claim.id]);
		const counts = await tableCounts('indemnisations');
		expect(counts.map((c) => [c.name, c.count]).sort()).toEqual([
			['claimAttachments', 0],
			['claims', 0]
		]);
	});

	it('takes a safety snapshot before deleting several claims', async () => {
		const a = (await createClaim(seed))!;
		const b = (await createClaim({ ...seed, tracking: 'TEST456' }))!;
		await deleteClaims([a.id, b.id]);
		expect(takeSafetySnapshot).toHaveBeenCalledWith('Avant suppression de 2 indemnisations');
	});

	it('refuses a file that is neither a photo nor a PDF, naming it', async () => {
		const claim = (await createClaim(seed))!;
		const text = new File(['x'], 'notes.txt', { type: 'text/plain' });
		expect(await addAttachments(claim.id, [text])).toBeUndefined();
		expect(notifications.items.at(-1)).toMatchObject({ kind: 'error' });
		expect(notifications.items.at(-1)!.text).toMatch(/notes\.txt/);
	});

	it('re-matches NON ATTRIBUÉ claims against the 3PL files, keeping what was typed', async () => {
		const lost = (await createClaim({ ...seed, tracking: 'LOST1', partner: '', originOrder: 'MINE' }))!;
		await createClaim({ ...seed, tracking: 'NOWHERE', partner: '' });
		expect(lost.partner).toBe('NON ATTRIBUÉ');
		expect(await rematchUnattributed()).toEqual({ updated: 1, still: 1 });
		const after = (await db.claims.get(lost.id))!;
		expect(after).toMatchObject({
			partner: 'TERRE DE LIN',
			originOrder: 'MINE',
			partnerOrder: 'TD1',
			shippingDate: '2026-09-15'
		});
		expect(after.history.at(-1)).toMatchObject({ by: 'Camille' });
	});
});
