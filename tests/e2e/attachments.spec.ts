import { expect, test, type Page } from './support/test';
import { ClaimsPage } from './pages/claims.page';

// RULINGS 25: an attachment is data, never a page of the app. Each payload would leave a mark in the app's
// storage, or on the app's page through window.opener, if it ever ran with the app's origin.
const PAYLOAD = `localStorage.setItem('pwned', location.href); if (window.opener) window.opener.document.title = 'pwned';`;
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" onload="${PAYLOAD.replace(/'/g, '&apos;')}"><script>${PAYLOAD}</script><rect width="9" height="9"/></svg>`;
const HTML = `<!doctype html><html><body onload="${PAYLOAD.replace(/'/g, '&apos;')}"><script>${PAYLOAD}</script></body></html>`;
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64'
);
const SAFE_TYPES = [
	'image/png',
	'image/jpeg',
	'image/webp',
	'image/heic',
	'application/pdf',
	'application/octet-stream'
];

/** Every Blob the app turns into a URL, with its type, as the browser receives it. */
async function watchHandedBlobs(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const handed: { url: string; type: string }[] = [];
		(window as unknown as { handed: typeof handed }).handed = handed;
		const create = URL.createObjectURL.bind(URL);
		URL.createObjectURL = (object: Blob | MediaSource) => {
			const url = create(object);
			if (object instanceof Blob) handed.push({ url, type: object.type });
			return url;
		};
	});
}

const handedBlobs = (page: Page) =>
	page.evaluate(() => (window as unknown as { handed: { url: string; type: string }[] }).handed);

/** Writes attachment records straight into IndexedDB, as a crafted backup or an old import would have left them. */
async function storeRaw(page: Page, tracking: string, files: { name: string; type: string; body: string }[]) {
	await page.evaluate(
		({ tracking, files }) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('pilot-greenlog');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction(['claims', 'claimAttachments'], 'readwrite');
					const claims = tx.objectStore('claims').getAll();
					claims.onsuccess = () => {
						const claim = (claims.result as { id: string; tracking: string }[]).find(
							(c) => c.tracking === tracking
						)!;
						files.forEach((f, i) => {
							const bytes = Uint8Array.from(atob(f.body), (c) => c.charCodeAt(0));
							tx.objectStore('claimAttachments').put({
								id: `raw-${i}`,
								claimId: claim.id,
								name: f.name,
								type: f.type,
								size: bytes.length,
								sha256: `raw-${i}`,
								blob: new Blob([bytes], { type: f.type }),
								addedAt: Date.now() + i
							});
						});
					};
					tx.oncomplete = () => {
						open.result.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		{ tracking, files }
	);
}

test('an SVG with a script and an HTML file named .pdf are refused; stored ones never run as the app', async ({
	page,
	context
}) => {
	await watchHandedBlobs(page);
	const claims = new ClaimsPage(page);
	await claims.goto();
	await claims.add({
		tracking: 'PIEGE1',
		partner: 'Test',
		carrier: 'DPD',
		motif: 'Colis abîmé',
		amount: '1,00'
	});
	await claims.openTab('Consulter');

	let editor = await claims.edit('PIEGE1');
	const picker = editor.getByLabel('Joindre des photos ou des PDF');
	await picker.setInputFiles({ name: 'plan.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(SVG) });
	await expect(page.getByRole('alert').filter({ hasText: "« plan.svg » n'est ni une photo" })).toBeVisible();
	await picker.setInputFiles({ name: 'constat.pdf', mimeType: 'application/pdf', buffer: Buffer.from(HTML) });
	await expect(
		page.getByRole('alert').filter({ hasText: "« constat.pdf » n'est ni une photo" })
	).toBeVisible();
	await expect(editor.getByText("Aucune pièce jointe pour l'instant.")).toBeVisible();
	await editor.getByRole('button', { name: /Fermer/ }).click();

	// Already stored with an unsafe type (a restore, an import): listed, downloadable as bytes, never opened as
	// a page; a real photo stored with a wrong type is shown as the PNG its bytes say it is.
	await storeRaw(page, 'PIEGE1', [
		{ name: 'plan.svg', type: 'image/svg+xml', body: Buffer.from(SVG).toString('base64') },
		{ name: 'x.pdf', type: 'application/pdf', body: Buffer.from(HTML).toString('base64') },
		{ name: 'page.html', type: 'text/html', body: Buffer.from(HTML).toString('base64') },
		{ name: 'photo.png', type: 'text/html', body: PNG.toString('base64') }
	]);
	await claims.goto(); // a fresh page: Dexie's live queries do not see writes made beside it
	await claims.openTab('Consulter');
	editor = await claims.edit('PIEGE1');
	await expect(editor.getByRole('img', { name: /Photo photo\.png/ })).toBeVisible();
	await expect(editor.getByText('Format non reconnu : téléchargement seulement.')).toHaveCount(3);
	await expect(editor.getByRole('link', { name: /Ouvrir/ })).toHaveCount(1);
	for (const name of ['plan.svg', 'x.pdf', 'page.html']) {
		const downloading = page.waitForEvent('download');
		await editor.getByRole('button', { name: `Télécharger ${name}` }).click();
		expect((await downloading).suggestedFilename()).toBe(name);
	}

	const handed = await handedBlobs(page);
	expect(handed.length).toBeGreaterThanOrEqual(4);
	for (const blob of handed) expect(SAFE_TYPES, blob.url).toContain(blob.type);

	// Open every address the app made in a tab of its own, as a user could: nothing runs.
	for (const { url } of handed) {
		const tab = await context.newPage();
		await tab.goto(url).catch(() => undefined); // bytes start a download instead of a page
		await tab.close();
	}
	expect(await page.evaluate(() => localStorage.getItem('pwned'))).toBeNull();
	await expect(page).not.toHaveTitle('pwned');
});
