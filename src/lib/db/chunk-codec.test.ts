import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inflateSync } from 'fflate';
import { packRows, packRowsSync, unpackRows } from './chunk-codec';

const row = fc.record({
	_line: fc.nat(),
	tracking: fc.string(),
	partner: fc.oneof(fc.string(), fc.constant(null)),
	amountCents: fc.integer(),
	weightKg: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
	late: fc.boolean()
});

describe('chunk codec', () => {
	it('gives back exactly the rows it packed, sync or native', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(row, { maxLength: 50 }), async (rows) => {
				expect(await unpackRows(await packRows(rows))).toEqual(rows);
				expect(await unpackRows(packRowsSync(rows))).toEqual(rows);
			}),
			{ numRuns: 60 }
		);
	});

	it('writes raw deflate that any inflater reads, and shrinks repetitive rows', async () => {
		const rows = Array.from({ length: 2000 }, (_, i) => ({
			_line: i + 2,
			partner: 'BIJOUX LUCIOLE',
			tracking: `6A${1e10 + i}`
		}));
		const packed = await packRows(rows);
		expect(JSON.parse(new TextDecoder().decode(inflateSync(packed)))).toEqual(rows);
		expect(packed.length * 5).toBeLessThan(JSON.stringify(rows).length);
	});
});
