import { expect, test } from './support/test';
import { CarrierPage } from './pages/carrier.page';
import { LogisticiensPage } from './pages/logisticiens.page';

/** Deterministic noise, as a corrupted download gives. */
function noise(length: number): Buffer {
	let x = 11;
	return Buffer.from(Array.from({ length }, () => ((x = (x * 1103515245 + 12345) >>> 0), x >>> 24)));
}
const EMPTY = /Fichier vide : « vide\.xlsx » fait 0 octet/;
const garbage = (name: string) =>
	new RegExp(
		`Fichier illisible \\(ce n'est pas un classeur Excel ni un CSV\\) : « ${name.replace('.', '\\.')} »`
	);

test('an empty file and random bytes say « fichier vide » / « fichier illisible », in the 3PL and a carrier intake', async ({
	page
}) => {
	const files = [
		{ name: 'vide.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.alloc(0) },
		{ name: 'hasard.csv', mimeType: 'text/csv', buffer: noise(8192) }
	];
	const lib = new LogisticiensPage(page);
	await lib.goto();
	await lib.fileInput.setInputFiles(files);
	await expect(lib.pending('vide.xlsx').getByRole('alert')).toContainText(EMPTY, { timeout: 30_000 });
	await expect(lib.pending('hasard.csv').getByRole('alert')).toContainText(garbage('hasard.csv'), {
		timeout: 30_000
	});
	await expect(page.getByRole('main')).not.toContainText(/Sheet1|Colonnes trouvées/);

	const dpd = new CarrierPage(page, 'dpd');
	await dpd.goto();
	// This slot takes workbooks only: the random bytes come as a .xlsx.
	for (const file of [files[0], { ...files[1], name: 'hasard.xlsx' }]) {
		await page.getByLabel('DPD Classic', { exact: true }).setInputFiles(file);
		await expect(page.getByRole('alert').filter({ hasText: file.name })).toContainText(
			file.buffer.length ? garbage(file.name) : EMPTY,
			{ timeout: 30_000 }
		);
	}
	await expect(page.getByRole('main')).not.toContainText(/Sheet1|Colonnes trouvées/);
});
