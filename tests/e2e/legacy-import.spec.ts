import { readFileSync } from 'node:fs';
import { expect, test } from './support/test';
import AxeBuilder from '@axe-core/playwright';
import { strFromU8, unzipSync } from 'fflate';
import { AttendusPage } from './pages/attendus.page';
import { BackupPage } from './pages/backup.page';
import { CarrierPage } from './pages/carrier.page';
import { ClaimsPage } from './pages/claims.page';
import { LEGACY_VERSIONS, LegacyImportPage } from './pages/legacy.page';
import { LogisticiensPage } from './pages/logisticiens.page';

interface TruthFrame {
	columns: { values: string[] };
	rows: unknown[][];
}

/** The claims of the fixture's truth, as records keyed by column. */
function truthClaims(version: string): Record<string, unknown>[] {
	const truth = JSON.parse(
		readFileSync(
			`tests/fixtures/backup/legacy/pilot_GREENLOG_backup_20261218_174205_pandas-${version}.truth.json`,
			'utf8'
		)
	) as { pickles: Record<string, { value: { df: TruthFrame } }> };
	const df = truth.pickles['data/indemnisations_data.pkl'].value.df;
	return df.rows.map((row) => Object.fromEntries(df.columns.values.map((c, i) => [c, row[i]])));
}

/** The carrier modules whose originals the old app kept, and those files. */
const CARRIER_FILES: [string, string[]][] = [
	['dpd', ['DPD_PREDICT.xlsx', 'DPD_CLASSIC.xlsx']],
	['colissimo', ['FACTURE_COLISSIMO_202611.csv']],
	['mondial-relay', ['RETOURS_MONDIAL_RELAY_202611.csv']],
	['colis-prive', ['COLIS_PRIVE_202611.csv']],
	['retours', ['retours_export_202611.csv']]
];

test.beforeEach(async ({ page }) => {
	await BackupPage.withoutSavePicker(page);
});

for (const version of LEGACY_VERSIONS) {
	test(`an old-app backup written under pandas ${version} imports completely, and « Annuler l'import » undoes it`, async ({
		page
	}) => {
		// A whole migration, then a backup and an undo: minutes on a loaded machine.
		test.setTimeout(480_000);
		const claims = new ClaimsPage(page);
		await claims.goto();
		await claims.add({ tracking: 'TEST123', carrier: 'DPD', motif: 'Colis perdu', amount: '10,00' });
		const legacy = new LegacyImportPage(page);
		await legacy.goto();
		const before = await legacy.dump('claims');

		await test.step('the preview says what each module brings, what is missing and why', async () => {
			await legacy.choose(version);
			await expect(legacy.module('indemnisations')).toContainText('12 indemnisations');
			await expect(legacy.module('attendus')).toContainText(
				'5 saisies manuelles, 5 clients personnalisés, 79 lignes reçues (CSV)'
			);
			await expect(legacy.module('logisticiens')).toContainText(
				/3 fichiers logisticiens \(septembre 2026 … novembre 2026\)/i
			);
			await expect(legacy.module('dpd')).toContainText('2 factures');
			for (const id of ['chronopost', 'dhl']) {
				await expect(legacy.module(id)).toContainText("n'a jamais réussi à enregistrer ces factures");
				await expect(legacy.module(id).getByRole('checkbox')).toHaveCount(0);
			}
			await legacy.openDetails();
			await expect(legacy.module('bibliotheque')).toContainText('non récupérable, ré-importez la facture');
			await expect(page.getByTestId('legacy-ignored')).toContainText('metadata.json');
			await expect(page.getByTestId('legacy-ignored')).toContainText('data/dpd_data.pkl');
			const axe = await new AxeBuilder({ page }).analyze();
			expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
		});

		await test.step('import: records, then every original through the intake', async () => {
			await legacy.importData('Fusionner');
			await expect(legacy.result).toContainText('12 indemnisations');
			await expect(legacy.result).toContainText("10 fichiers d'origine importés");
			await expect(legacy.result).toContainText('5 analyses re-créées');
			await expect(legacy.result.locator('.failed')).toHaveCount(0);
		});

		await test.step('the claims list shows every claim of the old app', async () => {
			await claims.goto();
			await claims.openTab('Consulter');
			await expect(claims.rows).toHaveCount(13);
			for (const c of truthClaims(version)) {
				const row = claims
					.row(c.Tracking as string)
					.filter({ hasText: (c.Montant as number).toFixed(2).replace('.', ',') });
				await expect(row).toHaveCount(1);
				await expect(row).toContainText(
					c.Partenaire === 'Non trouvé' ? 'NON ATTRIBUÉ' : (c.Partenaire as string)
				);
				await expect(row).toContainText(c.Statut as string);
			}
		});

		await test.step('the attendus synthesis holds the old CSV lines and manual entries', async () => {
			const attendus = new AttendusPage(page);
			await attendus.goto();
			await expect(attendus.kpi('Total Palettes')).toHaveText('7');
			await expect(attendus.kpi('Total Cartons')).toHaveText('20');
			await expect(attendus.kpi('Nombre de Clients')).toHaveText('9');
			await expect(attendus.synthesisRow('ATELIER ROSEAU', '125')).toContainText('CSV + Manuel');
			await expect(attendus.synthesisRow('NOUVEAU CLIENT', 'ASN-NC-01')).toContainText('Manuel');
		});

		await test.step('the 3PL library has the three periods', async () => {
			const threePL = new LogisticiensPage(page);
			await threePL.goto();
			await threePL.openTab('Fichiers Disponibles');
			for (const [period, file] of [
				['2026-09', 'LOG_2026_09.xlsx'],
				['2026-10', 'LOG_2026_10.xlsx'],
				['2026-11', 'LOG_2026_11.xlsx']
			])
				await expect(threePL.period(period)).toContainText(file);
		});

		await test.step('each carrier module stores its original files', async () => {
			for (const [id, files] of CARRIER_FILES) {
				if (id === 'retours') await page.goto('/retours');
				else {
					const carrier = new CarrierPage(page, id);
					await carrier.goto();
					await carrier.openImport();
				}
				for (const name of files)
					await expect(page.getByRole('listitem').filter({ hasText: name }).first()).toBeVisible();
			}
		});

		await test.step('a Pilot backup made right after contains them', async () => {
			await legacy.goto();
			const file = await legacy.createAndDownload();
			const zip = unzipSync(new Uint8Array(file.buffer));
			const manifest = JSON.parse(strFromU8(zip['manifest.json'])) as {
				tables: Record<string, { rows: number }>;
			};
			expect(manifest.tables.claims.rows).toBe(13);
			expect(manifest.tables.attendusManual.rows).toBe(5);
			expect(manifest.tables.logisticiensDatasets.rows).toBe(3);
			expect(manifest.tables.dpdDatasets.rows).toBe(2);
			expect(manifest.tables.library.rows).toBe(5);
		});

		await test.step('« Annuler l’import » brings back the data of before', async () => {
			await legacy.undoImport();
			expect(await legacy.dump('claims')).toBe(before);
			expect(await legacy.dump('logisticiensDatasets')).toBe('[]');
			expect(await legacy.dump('attendusManual')).toBe('[]');
		});
	});
}

test('a ZIP with metadata.json but no pickle is refused, naming what it holds', async ({ page }) => {
	const { zipSync, strToU8 } = await import('fflate');
	const legacy = new LegacyImportPage(page);
	await legacy.goto();
	await legacy.chooseFile({
		name: 'sauvegarde_vide.zip',
		mimeType: 'application/zip',
		buffer: Buffer.from(zipSync({ 'metadata.json': strToU8('{}'), 'README.txt': strToU8('x') }))
	});
	await expect(legacy.alerts()).toContainText('aucun fichier de données .pkl', { timeout: 30_000 });
	await expect(legacy.alerts()).toContainText('metadata.json, README.txt');
	await expect(legacy.legacyPreview).toHaveCount(0);
});
