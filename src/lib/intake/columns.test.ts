import { describe, expect, it } from 'vitest';
import { foundColumns, readTable, tableResult, type ColumnSpec } from './columns';
import type { Cell } from './read';

const COLUMNS = [
	{ key: 'tracking', names: ['Tracking'], required: true, type: 'tracking' },
	{ key: 'name', names: ['Nom'] },
	{ key: 'country', names: ['Pays'], type: 'upper' },
	{ key: 'postcode', names: ['Code postal'], type: 'postcode', country: 'country' },
	{ key: 'amount', names: ['Montant HT'], type: 'cents', label: 'montant' },
	{ key: 'weight', names: ['Poids'], type: 'number' },
	{ key: 'day', names: ['Date'], type: 'day' }
] as const satisfies readonly ColumnSpec[];

const HEADER: Cell[] = ['Tracking', 'Nom', 'Pays', 'Code postal', 'Montant HT', 'Poids', 'Date'];

function read(rows: Cell[][]) {
	return readTable({ name: 'csv', rows }, COLUMNS, {
		fileName: 'f.csv',
		row: (l) => ({
			_line: l.line,
			tracking: l.cell('tracking'),
			name: l.cell('name'),
			country: l.cell('country'),
			postcode: l.cell('postcode'),
			amount: l.cell('amount'),
			weight: l.cell('weight'),
			day: l.cell('day')
		})
	});
}

describe('readTable', () => {
	it('reads each cell as its column type: French numbers and dates, trackings, postcodes', () => {
		const { rows, errors } = read([
			HEADER,
			[' xr 123456789fr ', ' Dupont ', 'fr', 6000, '1 234,50 €', '1,5', '03/11/2026'],
			[25010000000001, null, null, null, '', null, '2026-11-04']
		]);
		expect(errors).toEqual([]);
		expect(rows).toEqual([
			{
				_line: 2,
				tracking: 'XR123456789FR',
				name: 'Dupont',
				country: 'FR',
				postcode: '06000',
				amount: 123450,
				weight: 1.5,
				day: '2026-11-03'
			},
			{
				_line: 3,
				tracking: '25010000000001',
				name: '',
				country: '',
				postcode: '',
				amount: null,
				weight: null,
				day: '2026-11-04'
			}
		]);
	});

	it('finds the header below a title block and numbers lines as the file does; blank rows are left out', () => {
		const table = read([['Facture novembre'], [], HEADER, ['A1'], [null, '  '], ['A2']]);
		expect(table.headerRow).toBe(2);
		expect(table.index).toMatchObject({ tracking: 0, amount: 4 });
		expect(table.blankRows).toBe(1);
		expect(table.rows.map((r) => [r._line, r.tracking])).toEqual([
			[4, 'A1'],
			[6, 'A2']
		]);
	});

	it('returns unreadable cells with their line, column and value, and keeps the readable lines', () => {
		const { rows, errors } = read([HEADER, ['A1', '', '', '', 'abc', 'x', '31/02/2026'], ['A2']]);
		expect(errors).toEqual([
			{
				line: 2,
				message: 'montant illisible « abc » ; Poids illisible « x » ; Date illisible « 31/02/2026 »'
			}
		]);
		expect(rows.map((r) => r._line)).toEqual([3]);
	});

	it("lets the parser add its own problems, leave lines out and word the line's message", () => {
		const { rows, errors } = readTable(
			{ name: 'csv', rows: [HEADER, ['A1'], ['TOTAL'], ['', 'Sans']] },
			COLUMNS,
			{
				fileName: 'f.csv',
				unreadable: (column, value) => `« ${column} » : ${value}`,
				message: (problems, l) => `ligne ${l.line} (${l.cell('name')}) : ${problems.join(', ')}`,
				row: (l) => {
					const tracking = l.cell('tracking');
					if (tracking === 'TOTAL') return null;
					if (!tracking) l.problems.push('tracking vide');
					return { _line: l.line, tracking };
				}
			}
		);
		expect(rows).toEqual([{ _line: 2, tracking: 'A1' }]);
		expect(errors).toEqual([{ line: 4, message: 'ligne 4 (Sans) : tracking vide' }]);
	});

	it('throws missing-column naming the absent required column', () => {
		expect(() =>
			read([
				['Nom', 'Montant HT'],
				['x', '1']
			])
		).toThrowError(
			expect.objectContaining({
				code: 'missing-column',
				details: expect.objectContaining({ file: 'f.csv', missing: 'Tracking' })
			})
		);
	});

	it('reads a table whose header repeats section by section, each with its own columns', () => {
		const header = (row: Cell[]) =>
			row[0] === 'Tracking' ? { tracking: 0, amount: row.indexOf('Montant HT') } : null;
		const table = readTable(
			{
				name: 'Table 1',
				rows: [
					['Récapitulatif'],
					['Tracking', 'Montant HT'],
					['A1', '1,00'],
					['Tracking', 'x', 'Montant HT'],
					['A2', 'y', '2,00']
				]
			},
			COLUMNS,
			{ fileName: 'f.xlsx', header, row: (l) => ({ _line: l.line, amount: l.cell('amount') }) }
		);
		expect(table).toMatchObject({ headerRow: 1, sections: 2 });
		expect(table.rows).toEqual([
			{ _line: 3, amount: 100 },
			{ _line: 5, amount: 200 }
		]);
	});
});

describe('tableResult', () => {
	it('refuses a file with no line and no error, naming it', () => {
		expect(() => tableResult('vide.csv', [], [], [], [])).toThrow(
			expect.objectContaining({ code: 'empty-file' })
		);
	});

	it('keeps a file whose every line is in error (the user sees them), dated by no day', () => {
		const r = tableResult('f.csv', [], [{ line: 3, message: 'x' }], ['A'], []);
		expect(r).toMatchObject({ rows: [], dateRange: null, period: null, columns: ['A'] });
	});

	it('spans the days given, blanks skipped, and takes their most frequent month as the period', () => {
		const rows = [{ a: 1 }, { a: 2 }, { a: 3 }, { a: 4 }];
		const r = tableResult('f.csv', rows, [], [], ['2026-11-30', null, '2026-10-02', '2026-11-01']);
		expect(r.dateRange).toEqual(['2026-10-02', '2026-11-30']);
		expect(r.period).toBe('2026-11');
		expect(r.rows).toBe(rows);
	});

	it('lists the first name of each column found, in the specs’ order', () => {
		const specs: ColumnSpec[] = [
			{ key: 'a', names: ['Alpha', 'A'] },
			{ key: 'b', names: ['Bêta'] },
			{ key: 'c', names: ['Gamma'] }
		];
		expect(foundColumns(specs, { c: 0, a: 4 })).toEqual(['Alpha', 'Gamma']);
	});
});
