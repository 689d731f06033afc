/**
 * Every billed euro accounted for (RULINGS 21), the same way for every carrier: Σ partners + NON ATTRIBUÉ
 * (what the analysis holds) + the rows read but not analysed (each with its reason) = the total of the lines
 * read = the file's own total where it prints one (DHL's invoice line, Chronopost's recap). Pure.
 */
import { NON_ATTRIBUE } from '$lib/analysis/non-attribue';
import type { DatasetRecord } from '$lib/db/records';
import { formatCents, plural } from '$lib/i18n/format';
import type { BilledLine, InvoiceFile, MatchedLine } from './carrier.types';

/** The total a file prints about itself, as its parser found it (`dataset.meta.fileTotal`). */
export interface FileTotal {
	cents: number;
	/** Where the file says it, e.g. "ligne de total I", "récapitulatif (Total HT)". */
	label: string;
}

/** How a carrier's stored rows bill money: what the reconciliation sums (`CarrierModule.billing`). */
export interface CarrierBilling<Row, L extends BilledLine> {
	/** What a stored row bills, in cents: Σ over every stored row = the total of the lines read. */
	rowCents: (row: Row) => number;
	/** Rows stored but not analysed as lines, and why (Colissimo's outbound parcels, repeated lines…). */
	excluded?: { label: string; test: (row: Row) => boolean }[];
	/** Everything billed for an analysed line (default `amountCents`): Chronopost adds its surcharge rows. */
	lineCents?: (line: L) => number;
}

export interface ReconciliationPart {
	label: string;
	lines: number;
	cents: number;
}

/** A file that prints its own total, against the lines read from it. */
export interface FileCheck {
	fileName: string;
	label: string;
	fileCents: number;
	readCents: number;
	/** Lines the user chose to import without (unreadable at import): they explain a gap. */
	skippedLines: number[];
}

export interface Reconciliation {
	partnersLines: number;
	partnersCents: number;
	unattributedLines: number;
	unattributedCents: number;
	/** Read but not analysed, with the reason. */
	excluded: ReconciliationPart[];
	readLines: number;
	readCents: number;
	files: FileCheck[];
	/** Lines left out at import (the user's choice), by file. */
	skipped: { fileName: string; lines: number[] }[];
	/** Σ (file total, else lines read) − (analysed + excluded): 0 when every euro is accounted for. */
	gapCents: number;
}

/** The file total a parser recorded in the dataset's meta, if any. */
export function fileTotalOf(dataset: Pick<DatasetRecord, 'meta'>): FileTotal | null {
	const t = dataset.meta?.fileTotal as Partial<FileTotal> | undefined;
	return t && Number.isInteger(t.cents) && typeof t.label === 'string'
		? { cents: t.cents!, label: t.label }
		: null;
}

export function reconcile<Row, L extends BilledLine>(
	billing: CarrierBilling<Row, L>,
	files: readonly InvoiceFile<Row>[],
	lines: readonly MatchedLine<L>[]
): Reconciliation {
	const lineCents = billing.lineCents ?? ((l: L) => l.amountCents);
	let partnersLines = 0;
	let partnersCents = 0;
	let unattributedLines = 0;
	let unattributedCents = 0;
	for (const ml of lines) {
		const cents = lineCents(ml.line);
		if (ml.partner === NON_ATTRIBUE) {
			unattributedLines++;
			unattributedCents += cents;
		} else {
			partnersLines++;
			partnersCents += cents;
		}
	}
	const excluded = (billing.excluded ?? []).map((e) => ({ label: e.label, lines: 0, cents: 0 }));
	let readLines = 0;
	let readCents = 0;
	let expectedCents = 0;
	const checks: FileCheck[] = [];
	const skipped: Reconciliation['skipped'] = [];
	for (const { dataset, rows } of files) {
		let fileRead = 0;
		for (const row of rows) {
			const cents = billing.rowCents(row);
			fileRead += cents;
			const reason = billing.excluded?.findIndex((e) => e.test(row)) ?? -1;
			if (reason >= 0) {
				excluded[reason].lines++;
				excluded[reason].cents += cents;
			}
		}
		readLines += rows.length;
		readCents += fileRead;
		const skippedLines = (dataset.skipped ?? []).map((s) => s.line);
		if (skippedLines.length) skipped.push({ fileName: dataset.fileName, lines: skippedLines });
		const total = fileTotalOf(dataset);
		expectedCents += total?.cents ?? fileRead;
		if (total)
			checks.push({
				fileName: dataset.fileName,
				label: total.label,
				fileCents: total.cents,
				readCents: fileRead,
				skippedLines
			});
	}
	const accounted = partnersCents + unattributedCents + excluded.reduce((s, e) => s + e.cents, 0);
	return {
		partnersLines,
		partnersCents,
		unattributedLines,
		unattributedCents,
		excluded: excluded.filter((e) => e.lines > 0),
		readLines,
		readCents,
		files: checks,
		skipped,
		gapCents: expectedCents - accounted
	};
}

/** "Rapprochement : 0,00 € d'écart" — the words the page, the exports and the e2e tests share. */
export function reconciliationHeadline(r: Pick<Reconciliation, 'gapCents'>): string {
	return `Rapprochement : ${formatCents(Math.abs(r.gapCents))} d'écart`;
}

const lineList = (lines: number[]) =>
	lines.length > 8 ? `${lines.slice(0, 8).join(', ')}…` : lines.join(', ');

/** The reconciliation as French sentences: the equation, then each difference and what explains it. */
export function reconciliationLines(r: Reconciliation): string[] {
	const excluded = r.excluded.map(
		(e) => ` + ${e.label} ${formatCents(e.cents)} (${plural(e.lines, 'ligne')})`
	);
	const out = [
		`Σ partenaires ${formatCents(r.partnersCents)} (${plural(r.partnersLines, 'ligne')}) + ${NON_ATTRIBUE} ${formatCents(r.unattributedCents)} (${plural(r.unattributedLines, 'ligne')})${excluded.join('')} = ${formatCents(r.partnersCents + r.unattributedCents + r.excluded.reduce((s, e) => s + e.cents, 0))} · total des lignes lues ${formatCents(r.readCents)} (${plural(r.readLines, 'ligne')})`
	];
	const analysedGap =
		r.readCents - r.partnersCents - r.unattributedCents - r.excluded.reduce((s, e) => s + e.cents, 0);
	if (analysedGap !== 0)
		out.push(
			`⚠️ ${formatCents(analysedGap)} des lignes lues ne sont dans aucun total de l'analyse : signalez-le, c'est une erreur de Pilot.`
		);
	for (const f of r.files) {
		const gap = f.fileCents - f.readCents;
		const head = `Total de « ${f.fileName} » (${f.label}) : ${formatCents(f.fileCents)}`;
		if (gap === 0) out.push(`${head} = lignes lues ✅`);
		else if (f.skippedLines.length)
			out.push(
				`${head}, lignes lues ${formatCents(f.readCents)} : ${formatCents(gap)} d'écart, dû à ${plural(f.skippedLines.length, 'ligne écartée', 'lignes écartées')} à l'import (illisibles : ${f.skippedLines.length > 1 ? 'lignes' : 'ligne'} ${lineList(f.skippedLines)}).`
			);
		else
			out.push(
				`${head}, lignes lues ${formatCents(f.readCents)} : ${formatCents(gap)} d'écart que les lignes du fichier n'expliquent pas — vérifiez la facture.`
			);
	}
	const unchecked = r.skipped.filter((s) => !r.files.some((f) => f.fileName === s.fileName));
	for (const s of unchecked)
		out.push(
			`« ${s.fileName} » : ${plural(s.lines.length, 'ligne écartée', 'lignes écartées')} à l'import (illisibles : ${s.lines.length > 1 ? 'lignes' : 'ligne'} ${lineList(s.lines)}), leurs montants ne sont pas comptés ; le fichier n'imprime pas de total pour le vérifier.`
		);
	return out;
}

/** One row of the "Rapprochement" sheet: a figure of the equation, or an explanation (no amount). */
export interface ReconciliationRow {
	item: string;
	lines: number | null;
	cents: number | null;
}

/** The reconciliation as the rows of the exported "Rapprochement" sheet. */
export function reconciliationRows(r: Reconciliation): ReconciliationRow[] {
	const rows: ReconciliationRow[] = [
		{ item: 'Σ partenaires', lines: r.partnersLines, cents: r.partnersCents },
		{ item: NON_ATTRIBUE, lines: r.unattributedLines, cents: r.unattributedCents },
		...r.excluded.map((e) => ({ item: `Hors analyse : ${e.label}`, lines: e.lines, cents: e.cents })),
		{ item: 'Total des lignes lues', lines: r.readLines, cents: r.readCents },
		...r.files.map((f) => ({
			item: `Total de « ${f.fileName} » (${f.label})`,
			lines: null,
			cents: f.fileCents
		})),
		{ item: reconciliationHeadline(r), lines: null, cents: r.gapCents }
	];
	return [...rows, ...reconciliationLines(r).map((item) => ({ item, lines: null, cents: null }))];
}
