import { describe, expect, it } from 'vitest';
import { cellText } from './data-table';

describe('DataTable cell text', () => {
	it('shows weights to the gram, in French', () => {
		expect(cellText('kg', 13.258)).toBe('13,258 kg');
		expect(cellText('kg', 1234.5)).toBe('1 234,5 kg');
		expect(cellText('kg', 0.0004)).toBe('0 kg');
		expect(cellText('kg', null)).toBe('');
	});
});
