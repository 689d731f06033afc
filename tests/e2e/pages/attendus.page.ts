import { expect, type Locator, type Page } from '@playwright/test';
import { readDownload, type ReadBack } from './carrier.page';
import { ShellPage } from './shell.page';

export interface EntryInput {
	client: string;
	/** Typed in « Nom du nouveau client » after picking « ➕ Nouveau client ». */
	newClient?: string;
	attendu: string;
	multi?: number;
	mono?: number;
	cartons?: number;
}

/** The Attendus de Réception page: CSV import, manual conditioning entries, synthesis and detail tabs. */
export class AttendusPage extends ShellPage {
	constructor(page: Page) {
		super(page);
	}

	async goto(): Promise<void> {
		await this.page.goto('/attendus');
		await expect(this.page.getByRole('heading', { level: 1, name: /Attendus de Réception/ })).toBeVisible();
		await expect(this.kpis).toBeVisible();
	}

	get kpis(): Locator {
		return this.page.getByTestId('attendus-kpis');
	}

	kpi(label: string): Locator {
		return this.kpis.locator('.kpi').filter({ hasText: label }).locator('.value');
	}

	async importCsv(path: string): Promise<void> {
		await this.page.getByLabel('Choisir un fichier CSV').setInputFiles(path);
		await expect(this.page.getByTestId('import-result')).toBeVisible();
	}

	get form(): Locator {
		return this.page.locator('form', { has: this.page.getByRole('heading', { name: /Saisie Manuelle/ }) });
	}

	async fillEntry(e: EntryInput): Promise<void> {
		const f = this.form;
		await f
			.getByRole('combobox', { name: 'Client', exact: true })
			.selectOption(e.newClient ? { label: '➕ Nouveau client' } : e.client);
		if (e.newClient) await f.getByRole('textbox', { name: 'Nom du nouveau client' }).fill(e.newClient);
		await f.getByRole('combobox', { name: "Nom de l'attendu" }).fill(e.attendu);
		await this.quantity('Palettes Multi-Réf').fill(String(e.multi ?? 0));
		await this.quantity('Palettes Mono-Réf').fill(String(e.mono ?? 0));
		await this.quantity('Cartons').fill(String(e.cartons ?? 0));
	}

	quantity(label: 'Palettes Multi-Réf' | 'Palettes Mono-Réf' | 'Cartons'): Locator {
		return this.form.getByRole('spinbutton', { name: label, exact: true });
	}

	/** A filter select of the open tab. */
	filter(label: 'Filtrer par client' | 'Filtrer par attendu'): Locator {
		return this.page.getByRole('combobox', { name: label, exact: true });
	}

	async saveEntry(): Promise<void> {
		await this.form.getByRole('button', { name: '💾 Enregistrer' }).click();
	}

	tab(name: 'Synthèse' | 'Détail' | 'Saisies'): Locator {
		return this.page.getByRole('tab', { name: new RegExp(name) });
	}

	async openTab(name: Parameters<AttendusPage['tab']>[0]): Promise<void> {
		await this.tab(name).click();
		await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
	}

	/** A synthesis row's cells as shown, found by client and attendu. */
	synthesisRow(client: string, attendu: string): Locator {
		return this.page
			.getByTestId('attendus-synthese')
			.getByRole('row')
			.filter({ has: this.page.getByRole('cell', { name: client, exact: true }) })
			.filter({ has: this.page.getByRole('cell', { name: attendu, exact: true }) });
	}

	/** The « Annuler » of the latest success message. */
	async undoLast(): Promise<void> {
		await this.page.getByRole('status').getByRole('button', { name: 'Annuler', exact: true }).last().click();
	}

	async exportAndRead(buttonName: string | RegExp): Promise<ReadBack> {
		const [download] = await Promise.all([
			this.page.waitForEvent('download'),
			this.page.getByRole('button', { name: buttonName }).click()
		]);
		return readDownload(download);
	}
}
