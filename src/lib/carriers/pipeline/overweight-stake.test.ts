import { describe, expect, it } from 'vitest';
import { cellText } from '$lib/ui/data-table';
import { chronopostModule } from '../chronopost/chronopost.module';
import { gridPrice } from '../chronopost/chronopost.grid';
import { parseChronopost } from '../chronopost/chronopost.parser';
import { chronoLines, type ChronoLine } from '../chronopost/chronopost.rules';
import { colisPriveModule } from '../colis-prive/colis-prive.module';
import { parseColisPrive } from '../colis-prive/colis-prive.parser';
import { colisPriveLines } from '../colis-prive/colis-prive.rules';
import { dhlModule } from '../dhl/dhl.module';
import { parseDhl } from '../dhl/dhl.parser';
import { dhlLines } from '../dhl/dhl.rules';
import { analyseCarrier, invoiceDays, NO_GRID, overweightStake, stakeText } from './carrier.analysis';
import { exportSheets } from './carrier.export';
import type { Analysis, BilledLine, CarrierModule, MatchedLine } from './carrier.types';
import { pageSpec } from './common.tabs';
import { fixtureFile, threePLLookup, windowFor } from './pipeline.testing';
import type { ThreePLMatch } from '$lib/logisticiens/threepl.types';

function analyse<Row, L extends BilledLine, R>(
	module: CarrierModule<Row, L, R>,
	path: string,
	parser: Parameters<typeof fixtureFile>[1],
	lines: (files: ReturnType<typeof fixtureFile<Row>>[]) => BilledLine[]
): Analysis<L, R> {
	const file = fixtureFile<Row>(path, parser, 'facture');
	const window = windowFor(invoiceDays(lines([file])));
	return analyseCarrier(module, [file], threePLLookup(window), window);
}

const overweightOf = (a: Analysis) => a.lines.filter((m) => m.flags.some((f) => f.kind === 'surpoids'));
const surpoids = (m: MatchedLine) => m.flags.find((f) => f.kind === 'surpoids')!;

/** What the shared "À contester" tab shows for a line, by column header. */
function flaggedCells(module: CarrierModule<never, never, never>, a: Analysis, m: MatchedLine) {
	const table = pageSpec(module)
		.tabs.find((t) => t.id === 'a-contester')!
		.tables(a as never)[0];
	return Object.fromEntries(table.columns.map((c) => [c.header, cellText(c.kind, c.value(m))]));
}

describe('overweight stake (pure)', () => {
	const ml = (amountCents: number, weightG: number | null) =>
		({
			line: { amountCents },
			match: { weightG, country: 'FR' } as ThreePLMatch
		}) as MatchedLine;
	const grid = (weightG: number) => (weightG <= 1000 ? 254 : null);

	it('is invoiced − the grid price at the 3PL weight', () => {
		expect(overweightStake(ml(425, 900), grid)).toBe(171);
		expect(overweightStake(ml(254, 900), grid)).toBe(0);
	});

	it('is null, said « non calculable (pas de grille) », without a grid or a price or a 3PL weight', () => {
		expect(overweightStake(ml(425, 900), undefined)).toBeNull();
		expect(overweightStake(ml(425, 5000), grid)).toBeNull();
		expect(overweightStake(ml(425, null), grid)).toBeNull();
		expect(stakeText(null)).toBe(NO_GRID);
		expect(stakeText(171)).toBe('1,71 €');
	});
});

describe('overweight lines on the fixtures', () => {
	it('Chronopost (a grid): each overweight line shows invoiced − grid at the 3PL weight, in the tabs and the export', async () => {
		const a = analyse(
			chronopostModule,
			'chronopost/2026110042_FACTURE_CHRONOPOST.xlsx',
			parseChronopost,
			(f) => chronoLines(f as never)
		);
		const lines = overweightOf(a as Analysis) as MatchedLine<ChronoLine>[];
		expect(lines.length).toBeGreaterThan(0);
		for (const m of lines) {
			const grid = gridPrice(m.match!.weightG, m.match!.country || m.line.country)!.cents;
			expect(surpoids(m).stakeCents).toBe(m.line.amountCents - grid);
			const cells = flaggedCells(chronopostModule as never, a as Analysis, m);
			expect(cells['Montant en jeu (surpoids)']).toBe(stakeText(m.line.amountCents - grid));
			expect(cells['Contrôle']).toContain(`Surpoids (en jeu : ${stakeText(m.line.amountCents - grid)})`);
		}
		// The Détail par Commande tab says it too.
		const detail = chronopostModule.tabs.find((t) => t.id === 'detail')!.tables(a)[0];
		const shown = detail.rows.filter((d: { overweight: boolean }) => d.overweight);
		expect(shown.map((d) => detail.columns[0].value(d))).toEqual(
			shown.map((d: { ecartCents: number }) =>
				expect.stringContaining(`Surpoids (en jeu : ${stakeText(d.ecartCents)})`)
			)
		);
		const [sheet] = exportSheets(
			pageSpec(chronopostModule).tabs,
			a,
			pageSpec(chronopostModule).exports.find((e) => e.id === 'a-contester')!
		);
		expect(sheet.columns.map((c) => c.header)).toContain('Montant en jeu (surpoids)');
	});

	it.each([
		['DHL', dhlModule, 'dhl/DHL_INVOICE_PAR7494288.csv', parseDhl, dhlLines],
		['Colis Privé', colisPriveModule, 'colis-prive/COLIS_PRIVE_202611.csv', parseColisPrive, colisPriveLines]
	] as const)(
		'%s (no grid): « non calculable (pas de grille) », never 0,00 €',
		(_, module, path, parser, lines) => {
			const a = analyse(module as never, path, parser, lines as never) as Analysis;
			const over = overweightOf(a);
			expect(over.length).toBeGreaterThan(0);
			for (const m of over) {
				expect(surpoids(m).stakeCents).toBeNull();
				const cells = flaggedCells(module as never, a, m);
				expect(cells['Montant en jeu (surpoids)']).toBe(NO_GRID);
				expect(cells['Contrôle']).toContain(`Surpoids (en jeu : ${NO_GRID})`);
				if (m.flags.every((f) => f.amountCents === 0)) expect(cells['À contester']).toBe('');
			}
		}
	);
});
