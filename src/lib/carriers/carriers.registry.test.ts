import { describe, expect, it } from 'vitest';
import { PilotError } from '$lib/i18n/errors';
import { moduleFor } from './carriers.registry';
import { dpdModule } from './dpd/dpd.module';

describe('carrier registry of the analysis worker', () => {
	it('rebuilds every module that opts in to the worker', () => {
		expect(moduleFor('dpd', dpdModule.worker?.options)).toBe(dpdModule);
	});

	it('refuses an unknown carrier with a typed error', () => {
		expect(() => moduleFor('inconnu', undefined)).toThrow(PilotError);
	});
});
