import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/test';
import { BibliothequePage } from './pages/bibliotheque.page';
import { CarrierPage, readDownload } from './pages/carrier.page';

const DHL_SLOT = 'Sélectionnez le fichier DHL (DHLFR_TD_concatenated_*.csv)';
// No 3PL files (a faster seed): the invoice is filed under the month of most of its shipping days.
const PERIOD = '2026-11';
const MONTH = 'Novembre';
const PERIOD_LABEL = `${MONTH} 2026`;

test('Bibliothèque: an archived DHL analysis is found under its period, opened, exported, deleted and restored', async ({
	page
}) => {
	test.setTimeout(180_000);
	await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
	const library = new BibliothequePage(page);
	const dhl = new CarrierPage(page, 'dhl');

	await test.step('empty library says how to archive', async () => {
		await library.goto();
		await expect(page.getByRole('heading', { name: '📭 Bibliothèque vide' })).toBeVisible();
		await expect(page.getByText('📚 Archiver dans la Bibliothèque')).toBeVisible();
	});

	await test.step('archive the DHL analysis twice from /dhl', async () => {
		await dhl.goto();
		await dhl.upload(DHL_SLOT, 'dhl/DHL_INVOICE_PAR7494288.csv');
		await expect(dhl.kpi('Total expéditions')).toContainText('57', { timeout: 30_000 });
		const archive = page.getByRole('button', { name: '📚 Archiver dans la Bibliothèque' });
		for (let i = 0; i < 2; i++) {
			await archive.click();
			await expect(page.getByText(/2 analyses archivées pour DHL|1 analyse archivée pour DHL/)).toBeVisible();
		}
		await expect(page.getByText(/2 analyses archivées pour DHL/)).toBeVisible();
	});

	await test.step('the period lists both analyses under DHL', async () => {
		await library.goto();
		await expect(library.metric('analyses')).toHaveText('2');
		await expect(library.metric('periodes')).toHaveText('1');
		await expect(library.metric('transporteurs')).toHaveText('1');
		await expect(page.getByLabel('Année')).toHaveValue('2026');
		await expect(page.getByLabel('Mois').locator('option:checked')).toHaveText(MONTH);
		await expect(page.getByRole('heading', { name: `📅 ${PERIOD_LABEL}` })).toBeVisible();
		const group = library.carrier('dhl');
		await expect(group.getByRole('heading', { name: 'DHL (2 analyses)' })).toBeVisible();
		await expect(group.getByText('📊 Lignes : 57').first()).toBeVisible();
		await expect(group.getByText(/📆 Période des dates : du \d\d\/\d\d\/2026 au/).first()).toBeVisible();
		await expect(group.getByText(/👥 Partenaires : .+/).first()).toBeVisible();
		await expect(group.getByText(/🎯 Taux d'attribution : [\d,]+\s%/).first()).toBeVisible();
		const axe = await new AxeBuilder({ page }).analyze();
		const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
	});

	await test.step('open one read-only and export it to Excel', async () => {
		const group = library.carrier('dhl');
		await group
			.getByRole('button', { name: new RegExp(`^Ouvrir l'analyse DHL — ${PERIOD_LABEL}`) })
			.first()
			.click();
		await expect(group.getByRole('article')).toContainText('Archivée le');
		await expect(group.getByRole('article').getByRole('table')).toBeVisible();
		// Read-only: the frozen tables offer no action on a line (no claim, no deletion).
		await expect(
			group.getByRole('article').getByRole('button', { name: /Supprimer|indemnisation/ })
		).toHaveCount(0);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			group
				.getByRole('button', { name: /^Exporter en Excel l'analyse DHL/ })
				.first()
				.click()
		]);
		const book = await readDownload(download);
		expect(book.fileName).toMatch(new RegExp(`^pilot_bibliotheque_dhl_${PERIOD}_\\d{8}_\\d{6}\\.xlsx$`));
		expect(book.sheetNames[0]).toBe('Synthèse');
		expect(book.sheetNames.length).toBeGreaterThan(1);
		expect(book.sheets['Synthèse'][0]).toEqual(['Indicateur', 'Valeur', 'Détail']);
	});

	await test.step('delete one analysis after confirmation, then "Annuler" brings it back', async () => {
		await library
			.carrier('dhl')
			.getByRole('button', { name: /^Supprimer l'analyse DHL/ })
			.first()
			.click();
		const dialog = page.getByRole('dialog', { name: "Supprimer l'analyse archivée" });
		await expect(dialog).toContainText(`DHL — ${PERIOD_LABEL}`);
		await dialog.getByRole('button', { name: "Supprimer l'analyse" }).click();
		await expect(library.metric('analyses')).toHaveText('1');
		await expect(library.carrier('dhl').getByRole('heading', { name: 'DHL (1 analyse)' })).toBeVisible();
		await library.undo(/supprimée de la Bibliothèque/);
		await expect(library.metric('analyses')).toHaveText('2');
	});

	await test.step('delete the period: named, confirmed, snapshot first, undoable', async () => {
		// The tabs work from the keyboard (arrow keys move between them).
		await page.getByRole('tab', { name: '📋 Consulter par Période' }).focus();
		await page.keyboard.press('ArrowRight');
		await expect(page.getByRole('tab', { name: "🗑️ Gérer l'Espace" })).toBeFocused();
		await expect(page.getByRole('tab', { name: "🗑️ Gérer l'Espace" })).toHaveAttribute(
			'aria-selected',
			'true'
		);
		await expect(library.period(PERIOD)).toContainText(`${PERIOD_LABEL} — 2 analyses — 1 transporteur`);
		await library
			.period(PERIOD)
			.getByRole('button', { name: `🗑️ Supprimer la période ${PERIOD_LABEL}` })
			.click();
		const dialog = page.getByRole('dialog', { name: `Supprimer la période ${PERIOD_LABEL}` });
		await expect(dialog).toContainText('DHL : 2 analyses');
		await expect(dialog).toContainText('instantané de sécurité');
		await dialog.getByRole('button', { name: 'Supprimer 2 analyses' }).click();
		await expect(page.getByRole('heading', { name: '📭 Bibliothèque vide' })).toBeVisible({
			timeout: 30_000
		});
		await library.undo(`2 analyses supprimées (de la période ${PERIOD_LABEL})`);
		await expect(library.metric('analyses')).toHaveText('2');
	});

	await test.step('delete the whole library', async () => {
		await library.openTab("🗑️ Gérer l'Espace");
		await page.getByRole('button', { name: '🗑️ Supprimer toute la bibliothèque' }).click();
		const dialog = page.getByRole('dialog', { name: 'Supprimer toute la bibliothèque' });
		await expect(dialog).toContainText('2 analyses archivées de 1 période et 1 transporteur');
		await dialog.getByRole('button', { name: 'Tout supprimer (2 analyses)' }).click();
		await expect(page.getByRole('heading', { name: '📭 Bibliothèque vide' })).toBeVisible({
			timeout: 30_000
		});
	});
});
