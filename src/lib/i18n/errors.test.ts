import { describe, expect, it } from 'vitest';
import { errorMessage, PilotError } from './errors';

const say = (code: ConstructorParameters<typeof PilotError>[0], details: Record<string, string | number>) =>
	errorMessage(new PilotError(code, details));

describe('French plurals in error messages', () => {
	it('counts unreadable invoice lines and missing bytes in the singular and the plural, never « (s) »', () => {
		const one = say('bad-invoice-lines', { file: 'cp.csv', count: 1, line: 3, message: 'x' });
		const three = say('bad-invoice-lines', { file: 'cp.csv', count: 3, line: 3, message: 'x' });
		expect(one).toContain('a 1 ligne illisible —');
		expect(three).toContain('a 3 lignes illisibles —');
		expect(say('pickle-truncated', { file: 'a.pkl', offset: 10, needed: 1 })).toContain('encore 1 octet)');
		expect(say('pickle-truncated', { file: 'a.pkl', offset: 10, needed: 8 })).toContain('encore 8 octets)');
		expect([one, three].join(' ')).not.toContain('(s)');
	});
});
