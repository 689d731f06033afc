import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorMessage, PilotError } from '$lib/i18n/errors';
import { parseBytes } from '$lib/intake/intake.core';
import { parisDay, readCreatedAt, type RetourRow } from './retours.parser';

const FIXTURE = 'tests/fixtures/retours/retours_export_202611.csv';

function parse(bytes: Uint8Array, name = 'retours.csv') {
	const { result } = parseBytes(bytes, name, 'retours');
	return { ...result, rows: result.rows as unknown as RetourRow[] };
}

const fixture = () => new Uint8Array(readFileSync(FIXTURE));
const encode = (text: string) => new TextEncoder().encode(text);

describe('parseRetours on the fixture', () => {
	const r = parse(fixture(), 'retours_export_202611.csv');

	it('keeps every line of every state, and counts the returned returns', () => {
		expect(r.errors).toEqual([]);
		expect(r.rows).toHaveLength(107);
		expect(r.meta?.states).toEqual({ returned: 86, pending: 13, cancelled: 4, Returned: 4 });
		expect(r.meta?.returns).toBe(55);
		expect(r.period).toBe('2026-11');
	});

	it('reads ids, clients and orders as text, quantities as numbers, the createdAt day in Paris', () => {
		expect(r.rows[0]).toMatchObject({
			_line: 2,
			id: '5049',
			state: 'returned',
			client: 'ATELIER ROSEAU',
			order: '39520',
			quantity: 1,
			sku: 'SKU-1450',
			reason: '',
			// 2026-11-24T23:30Z is already the 25th in Paris.
			day: '2026-11-25',
			createdAt: Date.parse('2026-11-24T23:30:00.000Z')
		});
		expect(r.rows.filter((row) => row.state === 'returned').reduce((n, row) => n + row.quantity, 0)).toBe(
			127
		);
	});
});

describe('parseRetours fixes of the legacy', () => {
	const header = 'id,state,resellers.name,orders.id,createdAt,returnOrderItems.quantity';

	it('reads a semicolon-separated Latin-1 file with headers in another case (R-1)', () => {
		const text =
			'ID;State;Resellers.Name;orders.id;CreatedAt;returnOrderItems.quantity\n' +
			'R1;returned;CAFÉ PIERROT;1001;2026-03-04T09:00:00.000Z;2\n';
		const latin1 = Uint8Array.from(text, (c) => c.charCodeAt(0));
		const r = parse(latin1);
		expect(r.rows).toEqual([
			expect.objectContaining({
				id: 'R1',
				client: 'CAFÉ PIERROT',
				order: '1001',
				quantity: 2,
				day: '2026-03-04'
			})
		]);
	});

	it('names the missing columns and the file', () => {
		const bytes = encode('id,state,resellers.name,orders.id,returnOrderItems.quantity\n1,returned,A,1,1\n');
		try {
			parse(bytes, 'sans_date.csv');
			expect.unreachable();
		} catch (err) {
			expect(err).toBeInstanceOf(PilotError);
			expect(errorMessage(err)).toContain('« sans_date.csv »');
			expect(errorMessage(err)).toContain('createdAt');
		}
	});

	it('reports an unreadable quantity or date of a returned line with its line, not as 0', () => {
		const r = parse(
			encode(
				`${header}\nR1,returned,A,1,2026-03-04T09:00:00Z,deux\nR2,returned,A,2,hier,1\nR3,pending,A,3,,x\n`
			)
		);
		expect(r.errors.map((e) => e.line)).toEqual([2, 3]);
		expect(r.errors[0].message).toContain('quantité illisible « deux »');
		expect(r.errors[1].message).toContain('createdAt illisible « hier »');
		// A line of another state is kept (counted in the file) even with odd cells.
		expect(r.rows).toHaveLength(1);
	});
});

describe('createdAt', () => {
	it('dates an instant by its Paris day, summer and winter time', () => {
		expect(parisDay(Date.parse('2026-03-25T23:30:00.000Z'))).toBe('2026-03-26');
		expect(parisDay(Date.parse('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
		expect(parisDay(Date.parse('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
	});

	it('keeps a zone-less date as written', () => {
		expect(readCreatedAt('04/03/2026')).toEqual({ at: null, day: '2026-03-04' });
		expect(readCreatedAt('2026-03-04 23:30:00')).toEqual({ at: null, day: '2026-03-04' });
		expect(readCreatedAt('n/a')).toEqual({ at: null, day: null });
	});
});
