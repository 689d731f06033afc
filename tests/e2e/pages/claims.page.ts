import { expect, type Locator, type Page } from '@playwright/test';
import { ShellPage } from './shell.page';

export interface ClaimInput {
	date?: string;
	tracking: string;
	partner?: string;
	carrier: string;
	motif: string;
	amount: string;
	notes?: string;
}

/** Today in the browser's time zone (playwright.config: Europe/Paris), as the form's default Date. */
export function todayInParis(): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}

/**
 * The Indemnisations page. Its form labels are a contract (RULINGS 14): getByLabel('Date'), 'Tracking',
 * 'Partenaire', 'Transporteur', 'Motif' (free text with suggestions), 'Montant', then the button
 * "💾 Enregistrer l'indemnisation".
 */
export class ClaimsPage extends ShellPage {
	constructor(page: Page) {
		super(page);
	}

	async goto(search = ''): Promise<void> {
		await this.page.goto(`/indemnisations${search}`);
		await expect(this.page.getByRole('heading', { level: 1, name: /Indemnisations/ })).toBeVisible();
	}

	tab(name: 'Ajouter' | 'Consulter' | 'Statistiques' | 'Délais' | 'Exporter'): Locator {
		return this.page.getByRole('tab', { name: new RegExp(name) });
	}

	async openTab(name: Parameters<ClaimsPage['tab']>[0]): Promise<void> {
		await this.tab(name).click();
		await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
	}

	field(label: string, scope: Page | Locator = this.page): Locator {
		return scope.getByLabel(label, { exact: true });
	}

	async fill(claim: ClaimInput, scope: Page | Locator = this.page): Promise<void> {
		if (claim.date) await this.field('Date', scope).fill(claim.date);
		await this.field('Tracking', scope).fill(claim.tracking);
		if (claim.partner !== undefined) await this.field('Partenaire', scope).fill(claim.partner);
		await this.field('Transporteur', scope).fill(claim.carrier);
		await this.field('Motif', scope).fill(claim.motif);
		await this.field('Montant', scope).fill(claim.amount);
		if (claim.notes !== undefined) await this.field('Notes', scope).fill(claim.notes);
	}

	get submit(): Locator {
		return this.page.getByRole('button', { name: "💾 Enregistrer l'indemnisation" });
	}

	async add(claim: ClaimInput): Promise<void> {
		await this.openTab('Ajouter');
		await this.fill(claim);
		await this.submit.click();
		await expect(
			this.page.getByRole('status').filter({ hasText: `Indemnisation ${claim.tracking.toUpperCase()}` })
		).toBeVisible();
	}

	kpi(id: 'claimed' | 'received' | 'pending' | 'refused' | 'partners' | 'late'): Locator {
		return this.page.getByTestId(`kpi-${id}`);
	}

	get rows(): Locator {
		return this.page.getByTestId('claim-row');
	}

	row(tracking: string): Locator {
		return this.rows.filter({ hasText: tracking });
	}

	get editor(): Locator {
		return this.page.getByRole('dialog', { name: /Indemnisation/ });
	}

	async edit(tracking: string): Promise<Locator> {
		await this.row(tracking)
			.getByRole('button', { name: /^Modifier/ })
			.click();
		await expect(this.editor).toBeVisible();
		return this.editor;
	}

	async remove(tracking: string): Promise<void> {
		await this.row(tracking)
			.getByRole('button', { name: /^Supprimer/ })
			.click();
		const dialog = this.page.getByRole('dialog');
		await expect(dialog).toContainText(tracking);
		await dialog.getByRole('button', { name: 'Confirmer la suppression' }).click();
		await expect(dialog).toBeHidden();
	}

	async undo(): Promise<void> {
		await this.page.getByRole('status').getByRole('button', { name: 'Annuler' }).last().click();
	}

	tableCount(table: 'claims' | 'claimAttachments'): Locator {
		return this.page.getByTestId(`count-${table}`);
	}
}
