import { describe, expect, it } from 'vitest';
import { kpiId } from './kpi-id';

describe('kpiId', () => {
	it('gives the test ids the pages and e2e models use', () => {
		expect(kpiId('NON ATTRIBUÉ')).toBe('non-attribue');
		expect(kpiId('💸 TOTAL À CONTESTER')).toBe('total-a-contester');
		expect(kpiId('Total Retours')).toBe('total-retours');
		expect(kpiId('Produits')).toBe('produits');
	});
});
