/**
 * The claims workbook's « Synthèse » sheet, a free layout (title, totals, two blocks) the shared tabular
 * writer does not draw: the export worker draws it first, then the claims tables as every export's.
 * User text is written as string cells, never formulas (RULINGS 24).
 */
import type { SummaryLayout } from './claims.export';

const NAVY = 'FF2D3E50';
const LIGHT = 'FFE8F5F1';
const EUROS = '#,##0.00 "€"';

type Sheet = import('exceljs').Worksheet;

function navy(cell: import('exceljs').Cell, size = 11) {
	cell.font = { bold: true, color: { argb: 'FFFFFFFF' }, size };
	cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: NAVY } };
}

/** The « Synthèse » sheet: title, totals by status, then one block per breakdown. */
export function drawClaimsSummary(ws: Sheet, s: SummaryLayout): void {
	ws.columns = [{ width: 28 }, { width: 16 }, { width: 20 }, { width: 16 }, { width: 16 }, { width: 16 }];
	ws.mergeCells('A1:D1');
	ws.getCell('A1').value = s.title;
	navy(ws.getCell('A1'), 14);
	ws.getRow(1).height = 30;
	ws.getCell('A2').value = s.exportedAt;
	ws.getCell('A3').value = s.period;
	ws.getCell('A5').value = 'TOTAL GÉNÉRAL';
	ws.getCell('A5').font = { bold: true, size: 12 };
	ws.getCell('B5').value = s.total.cents / 100;
	ws.getCell('B5').numFmt = EUROS;
	ws.getCell('B5').font = { bold: true, size: 12, color: { argb: 'FFCC0000' } };
	ws.getCell('C5').value = s.total.label;
	let row = 6;
	for (const st of s.statuses) {
		ws.getCell(row, 1).value = st.label;
		ws.getCell(row, 2).value = st.cents / 100;
		ws.getCell(row, 2).numFmt = EUROS;
		ws.getCell(row, 3).value = st.count;
		row++;
	}
	row += 1;
	for (const block of s.blocks) {
		navy(ws.getCell(row, 1));
		ws.getCell(row, 1).value = block.title;
		row++;
		block.header.forEach((h, i) => {
			ws.getCell(row, i + 1).value = h;
			navy(ws.getCell(row, i + 1));
		});
		row++;
		for (const b of block.rows) {
			const values = [
				b.key,
				b.claimed.cents / 100,
				b.claimed.count,
				b.received.cents / 100,
				b.pending.cents / 100,
				b.refused.cents / 100
			];
			values.forEach((v, i) => {
				const cell = ws.getCell(row, i + 1);
				cell.value = v;
				if (i !== 0 && i !== 2) cell.numFmt = EUROS;
				if (row % 2 === 0) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT } };
			});
			row++;
		}
		row += 2;
	}
}
