/**
 * The shared carrier pipeline: a carrier is data (its inputs, rules, tabs and exports), the pipeline does
 * the rest the same way for all — store the upload, match against the 3PL window, flag, show, export, archive.
 */
import type { PartnerMonthCost } from '$lib/analysis/partner-cost';
import type { InputSlot } from '$lib/analysis/input-slot';
import type { AnyTableSpec } from '$lib/analysis/table-spec';
import type { DatasetRecord } from '$lib/db/records';
import type { Parser } from '$lib/intake/parse.types';
import type { ThreePLLookup, ThreePLMatch } from '$lib/logisticiens/threepl.types';
import type { CarrierBilling, Reconciliation } from './reconciliation';

/** A stored invoice file and its parsed rows, as the pipeline hands them to a carrier. */
export interface InvoiceFile<Row = Record<string, unknown>> {
	dataset: DatasetRecord;
	rows: Row[];
}

/** Where a billed line comes from: for messages, claims and the "source" column. */
export interface LineSource {
	datasetId: string;
	fileName: string;
	slot: string;
	/** Line (Excel row) in the original file. */
	line: number;
}

/** What the shared rules need from every billed line; carriers extend it with their own fields. */
export interface BilledLine {
	/** Normalised (`normaliseTracking`); '' when the line carries none. */
	tracking: string;
	/** ISO day of the shipment as billed, when known. */
	day: string | null;
	/** Everything billed for the line, in cents: what a duplicate adds to "à contester". */
	amountCents: number;
	/** Billed weight in kg; null when the carrier bills none (DPD: no weight check, RULINGS 7). */
	weightKg: number | null;
	source: LineSource;
	/** Recipient's city and postcode as invoiced, when the carrier gives them: what every search also finds. */
	place?: string;
}

/** A flag raised on a line: shown in "À contester", highlighted in exports, claimable. */
export interface LineFlag {
	/** 'doublon' | 'surpoids' and carrier kinds ('surfacturation', 'surplus'...). */
	kind: string;
	/** French label shown in the "Contrôle" column, e.g. "Doublon". */
	label: string;
	/** Amount to contest for this flag, cents (0 when only informative). */
	amountCents: number;
	/** One-line explanation, e.g. "2ᵉ facturation de ce tracking (1ʳᵉ : DPD_PREDICT.xlsx ligne 12)". */
	detail: string;
	/**
	 * Surpoids only: the amount at stake, invoiced − the carrier's grid price at the 3PL weight, in cents;
	 * null when it cannot be computed (no grid, or no price there). Informative: `amountCents` stays 0.
	 */
	stakeCents?: number | null;
}

/** A billed line after matching against the 3PL window and the shared checks. */
export interface MatchedLine<L extends BilledLine = BilledLine> {
	line: L;
	/** The 3PL row of this carrier for the tracking, or null. */
	match: ThreePLMatch | null;
	/** The 3PL partner, or NON_ATTRIBUE (unmatched, or matched with a blank partner). */
	partner: string;
	/** The tracking appears in several 3PL files (RULINGS 3): the winner is `match`. */
	conflict: ThreePLMatch[];
	flags: LineFlag[];
}

/** The shared rules a carrier sets (everything else is its `analyse`). */
export interface CarrierRules {
	/** Which 3PL `Transporteur` values count for this carrier (already trimmed and upper-cased). */
	acceptsCarrier: (carrierUpper: string) => boolean;
	/** Overweight when billed kg × 1000 > 3PL g + tolerance (RULINGS 7); undefined = no weight check. */
	overweightToleranceG?: number;
	/**
	 * The carrier's tariff grid: price in cents of a line at a weight in grams (to its 3PL row's country),
	 * null where the grid has none. Without a grid an overweight's stake is « non calculable (pas de grille) ».
	 */
	gridCents?: (weightG: number, match: ThreePLMatch, line: BilledLine) => number | null;
}

/** Figures every carrier gets, computed once by the pipeline. */
export interface PipelineSummary {
	billedLines: number;
	matchedLines: number;
	unmatchedLines: number;
	unmatchedCents: number;
	/** Unmatched lines ÷ billed lines (0 when there is no line). */
	unmatchedRate: number;
	totalCents: number;
	duplicateExtraLines: number;
	duplicateExtraCents: number;
	overweightLines: number;
	/** Σ of every flag's amount: what the user may contest. */
	toContestCents: number;
	conflictLines: number;
	/** Distinct partners, NON ATTRIBUÉ included. */
	partners: number;
	dateRange: [string, string] | null;
}

/** The whole analysis: plain data, recomputable at any time from the stored records. */
export interface Analysis<L extends BilledLine = BilledLine, R = unknown> {
	carrier: string;
	/** 3PL periods used ('YYYY-MM'), as chosen (default: windowFor the invoice days). */
	window: string[];
	lines: MatchedLine<L>[];
	summary: PipelineSummary;
	costs: PartnerMonthCost[];
	/** Σ partners + NON ATTRIBUÉ = the lines read = the file's own total (RULINGS 21). */
	reconciliation: Reconciliation;
	/** The carrier's own result (synthesis, extracts…). */
	result: R;
}

/** A tab of a carrier page: a heading, an info line and tables (filterable, exportable). */
export interface TabSpec<L extends BilledLine, R> {
	id: string;
	/** Tab label with its legacy emoji, e.g. "📊 Synthèse". */
	label: string;
	heading: string;
	info?: (a: Analysis<L, R>) => string;
	tables: (a: Analysis<L, R>) => AnyTableSpec[];
	/** Exports offered in this tab (ids of ExportSpec), e.g. "📥 Exporter Synthèse". */
	exports?: string[];
}

/** A sheet of an export: which table of which tab, under which legacy sheet name. */
export interface ExportSheet {
	name: string;
	tab: string;
	table: string;
	/** Rows the legacy file keeps on top of the filters (e.g. Chronopost's "écarts en votre défaveur" only). */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- row type of the sheet's table
	where?: (row: any) => boolean;
	/** Overrides the export's `rows` for this sheet (Mondial Relay's detail file: the whole synthesis). */
	rows?: 'filtered' | 'all';
}

export interface ExportSpec {
	id: string;
	/** Button label, e.g. "📥 Exporter Synthèse". */
	label: string;
	/**
	 * File name for a day stamp 'YYYYMMDD' (and time 'HHMMSS'), e.g. `dpd_synthese_20261127.xlsx`; `filters`
	 * are the values of the first sheet's table (the legacy names some files after them).
	 */
	fileName: (
		stamp: { day: string; time: string },
		filters: Readonly<Record<string, string | boolean | string[]>>
	) => string;
	sheets: ExportSheet[];
	/** The filtered rows of each table (as on screen, the legacy's behaviour) or all rows. */
	rows: 'filtered' | 'all';
	/** The workbook holding the synthesis also carries the "Rapprochement" sheet (RULINGS 21). */
	reconciliation?: boolean;
}

export interface KpiSpec<L extends BilledLine, R> {
	label: string;
	value: (a: Analysis<L, R>) => string;
	hint?: (a: Analysis<L, R>) => string;
	tone?: (a: Analysis<L, R>) => 'alert' | 'ok' | null;
}

/** A carrier module: data the generic pipeline and page run. */
export interface CarrierModule<
	Row = Record<string, unknown>,
	L extends BilledLine = BilledLine,
	R = unknown
> {
	/** Its one id: route (`/colis-prive`), module of its datasets and archives, parser key, claim link. */
	id: string;
	/**
	 * Prefix of its bulk-row tables (`dpdDatasets`, `dpdChunks`; `colisPriveChunks`): stored names, kept as
	 * the first release wrote them so that databases and backups stay readable. Never renamed.
	 */
	store: string;
	/** "DPD" — also the claim's "Transporteur". */
	label: string;
	/** How the rest of Pilot shows it: home tile, Bibliothèque, table labels (diagnostic, backup). */
	home: {
		caption: string;
		/** Brand colours of the tile badge (background, text), chosen for AA contrast. */
		brand: { bg: string; fg: string };
		/** What its tables hold, e.g. "factures DPD". */
		files: string;
		/** The tile counts `meta.returns` under this unit instead of stored lines (invoices with outbound lines too). */
		returnsUnit?: [singular: string, plural: string];
	};
	/** Icon of its analyses in the Bibliothèque. */
	libraryIcon: string;
	/** Its column in Export Refacturation; `rank` keeps the legacy's column order (lower first, else last). */
	refacturation: { column: string; rank?: number };
	/** Reads its files (key `id` in PARSERS; it runs in the intake worker). */
	parser: Parser;
	inputs: InputSlot[];
	rules: CarrierRules;
	/** Stored rows of every file → billed lines, in file order (pure). */
	lines: (files: InvoiceFile<Row>[]) => L[];
	/** What each stored row bills, for the reconciliation (RULINGS 21). */
	billing: CarrierBilling<Row, L>;
	/**
	 * Opt-in: how a line finds its 3PL row when its own tracking is not the key (Mondial Relay's returns
	 * carry the order number or the outbound tracking). Default: the newest accepted row of `line.tracking`.
	 */
	match?: (line: L, lookup: ThreePLLookup) => { match: ThreePLMatch | null; conflict: ThreePLMatch[] };
	/** The carrier's own flags (écart de prix, surplus…), raised before the summary sums them. */
	flag?: (lines: MatchedLine<L>[], lookup: ThreePLLookup) => void;
	/**
	 * What Export Refacturation re-bills to the partner for a line, in cents: the legacy's per-carrier
	 * contract (Chronopost: positive price gap + surcharges; Colis Privé: the majoration). Default: all it billed.
	 */
	rebillCents?: (line: MatchedLine<L>) => number;
	/** The carrier's own analysis over matched lines (pure, recomputable). */
	analyse: (lines: MatchedLine<L>[], ctx: { summary: PipelineSummary; lookup: ThreePLLookup }) => R;
	kpis: KpiSpec<L, R>[];
	tabs: TabSpec<L, R>[];
	exports: ExportSpec[];
	/**
	 * Opt-in: compute the analysis in the analysis worker (`$lib/carriers` rebuilds this module from its id
	 * and these structured-cloneable options, see `withOptions`). Without it, the page's thread computes.
	 */
	worker?: { options?: unknown };
	/** Rebuilds the module from `worker.options` (Chronopost's surcharge selection); default: the module itself. */
	withOptions?: (options: unknown) => AnyCarrierModule;
}

/**
 * A carrier module whose row, line and result types are erased, so that one list holds them all (as
 * `AnyTableSpec` for tables): a module is only ever run with its own types, inside the pipeline's generics.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCarrierModule = CarrierModule<any, any, any>;
