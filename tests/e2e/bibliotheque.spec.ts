import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { BibliothequePage } from './pages/bibliotheque.page';
import { CarrierPage, readDownload } from './pages/carrier.page';

test('Bibliothèque: an archived DPD analysis is found under its period, opened, exported, deleted and restored', async ({
	page
}) => {
	test.setTimeout(180_000);
	await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
	const library = new BibliothequePage(page);
	const dpd = new CarrierPage(page, 'dpd');

	await test.step('empty library says how to archive', async () => {
		await library.goto();
		await expect(page.getByRole('heading', { name: '📭 Bibliothèque vide' })).toBeVisible();
		await expect(page.getByText('📚 Archiver dans la Bibliothèque')).toBeVisible();
	});

	await test.step('archive the DPD analysis twice from /dpd', async () => {
		await dpd.loadThreePL();
		await dpd.goto();
		await dpd.upload('DPD Classic', 'dpd/DPD_CLASSIC.xlsx');
		await expect(dpd.kpi('Expéditions')).toContainText('43');
		const archive = page.getByRole('button', { name: '📚 Archiver dans la Bibliothèque' });
		for (let i = 0; i < 2; i++) {
			await archive.click();
			await expect(page.getByText(/2 analyses archivées pour DPD|1 analyse archivée pour DPD/)).toBeVisible();
		}
		await expect(page.getByText(/2 analyses archivées pour DPD/)).toBeVisible();
	});

	await test.step('the period lists both analyses under DPD', async () => {
		await library.goto();
		await expect(library.metric('analyses')).toHaveText('2');
		await expect(library.metric('periodes')).toHaveText('1');
		await expect(library.metric('transporteurs')).toHaveText('1');
		await expect(page.getByLabel('Année')).toHaveValue('2026');
		await expect(page.getByLabel('Mois').locator('option:checked')).toHaveText('Novembre');
		await expect(page.getByRole('heading', { name: '📅 Novembre 2026' })).toBeVisible();
		const dpdGroup = library.carrier('dpd');
		await expect(dpdGroup.getByRole('heading', { name: 'DPD (2 analyses)' })).toBeVisible();
		await expect(dpdGroup.getByText('📊 Lignes : 43').first()).toBeVisible();
		await expect(dpdGroup.getByText(/📆 Période des dates : du \d\d\/\d\d\/2026 au/).first()).toBeVisible();
		await expect(dpdGroup.getByText(/👥 Partenaires : .+/).first()).toBeVisible();
		await expect(dpdGroup.getByText(/🎯 Taux d'attribution : [\d,]+\s%/).first()).toBeVisible();
		const axe = await new AxeBuilder({ page }).analyze();
		const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
	});

	await test.step('open one read-only and export it to Excel', async () => {
		const dpdGroup = library.carrier('dpd');
		await dpdGroup
			.getByRole('button', { name: /^Ouvrir l'analyse DPD — Novembre 2026/ })
			.first()
			.click();
		await expect(dpdGroup.getByRole('article')).toContainText('Archivée le');
		await expect(dpdGroup.getByRole('article').getByRole('table')).toBeVisible();
		// Read-only: the frozen tables offer no action on a line (no claim, no deletion).
		await expect(
			dpdGroup.getByRole('article').getByRole('button', { name: /Supprimer|indemnisation/ })
		).toHaveCount(0);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			dpdGroup
				.getByRole('button', { name: /^Exporter en Excel l'analyse DPD/ })
				.first()
				.click()
		]);
		const book = await readDownload(download);
		expect(book.fileName).toMatch(/^pilot_bibliotheque_dpd_2026-11_\d{8}_\d{6}\.xlsx$/);
		expect(book.sheetNames[0]).toBe('Synthèse');
		expect(book.sheetNames.length).toBeGreaterThan(1);
		expect(book.sheets['Synthèse'][0]).toEqual(['Indicateur', 'Valeur', 'Détail']);
	});

	await test.step('delete one analysis after confirmation, then "Annuler" brings it back', async () => {
		await library
			.carrier('dpd')
			.getByRole('button', { name: /^Supprimer l'analyse DPD/ })
			.first()
			.click();
		const dialog = page.getByRole('dialog', { name: "Supprimer l'analyse archivée" });
		await expect(dialog).toContainText('DPD — Novembre 2026');
		await dialog.getByRole('button', { name: "Supprimer l'analyse" }).click();
		await expect(library.metric('analyses')).toHaveText('1');
		await expect(library.carrier('dpd').getByRole('heading', { name: 'DPD (1 analyse)' })).toBeVisible();
		await library.undo(/supprimée de la Bibliothèque/);
		await expect(library.metric('analyses')).toHaveText('2');
	});

	await test.step('delete the period: named, confirmed, snapshot first, undoable', async () => {
		await library.openTab("🗑️ Gérer l'Espace");
		await expect(library.period('2026-11')).toContainText('Novembre 2026 — 2 analyses — 1 transporteur');
		await library
			.period('2026-11')
			.getByRole('button', { name: '🗑️ Supprimer la période Novembre 2026' })
			.click();
		const dialog = page.getByRole('dialog', { name: 'Supprimer la période Novembre 2026' });
		await expect(dialog).toContainText('DPD : 2 analyses');
		await expect(dialog).toContainText('instantané de sécurité');
		await dialog.getByRole('button', { name: 'Supprimer 2 analyses' }).click();
		await expect(page.getByRole('heading', { name: '📭 Bibliothèque vide' })).toBeVisible({
			timeout: 30_000
		});
		await library.undo(/2 analyses supprimées \(de la période Novembre 2026\)/);
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
