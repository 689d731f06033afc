import { describe, expect, it } from 'vitest';
import { tableEntry } from '$lib/backup/backup-format';
import { datasetEntries } from '$lib/db/registry';
import { datasetStores, datasetTables } from '$lib/db/schema';
import { parsersOf } from '$lib/intake/parsers';
import { carrierIcon } from '$lib/library/library.logic';
import { modulesOf } from '$lib/modules';
import { refactCarriers } from '$lib/refacturation/refacturation.consolidate';
import { PilotError } from '$lib/i18n/errors';
import { CARRIERS, carrierFor, carrierRoutes } from '.';
import { chronopostModule } from './chronopost/chronopost.module';
import { dpdModule } from './dpd/dpd.module';
import type { AnyCarrierModule } from './pipeline/carrier.types';

describe('carrier list', () => {
	it('rebuilds every module that opts in to the worker', () => {
		expect(carrierFor('dpd', dpdModule.worker?.options)).toBe(dpdModule);
		expect(carrierFor('chronopost', ['Retour expéditeur']).worker?.options).toEqual(['Retour expéditeur']);
	});

	it('refuses an unknown carrier with a typed error', () => {
		expect(() => carrierFor('inconnu', undefined)).toThrow(PilotError);
	});

	it('keeps the stored table names of the first release (databases and backups stay readable)', () => {
		expect(Object.keys(datasetStores(CARRIERS))).toEqual([
			'logisticiens',
			'dpd',
			'mondialRelay',
			'colissimo',
			'colisPrive',
			'chronopost',
			'dhl',
			'retours',
			'attendus'
		]);
		expect(new Set(CARRIERS.map((c) => c.id)).size).toBe(CARRIERS.length);
	});

	it('gives a ninth carrier, from the list alone, its tables, route, tile, backup entry and column', () => {
		const parser = () => ({ rows: [], errors: [], columns: [], dateRange: null, period: null });
		const ninth: AnyCarrierModule = {
			...dpdModule,
			id: 'gls',
			store: 'gls',
			label: 'GLS',
			home: { caption: 'Factures GLS', brand: { bg: '#061AB1', fg: '#FFFFFF' }, files: 'factures GLS' },
			libraryIcon: '🟦',
			refacturation: { column: 'GLS' },
			parser
		};
		const list = [...CARRIERS, ninth];

		expect(datasetTables(datasetStores(list))).toMatchObject({
			glsDatasets: 'id, sha256, period, importedAt, slot',
			glsChunks: '[datasetId+index], datasetId'
		});
		const tables = datasetEntries(list);
		expect(tables.glsDatasets).toEqual({
			owner: 'gls',
			label: 'Fichiers importés — factures GLS',
			backup: true,
			sync: 'file'
		});
		expect(tables.glsChunks.backup).toBe(true);
		expect(tableEntry('glsDatasets')).toBe('tables/glsDatasets.ndjson');
		expect(carrierRoutes(list).at(-1)).toEqual({ carrier: 'gls' });
		expect(modulesOf(list).find((m) => m.id === 'gls')).toMatchObject({
			label: 'GLS',
			block: 'transporteurs',
			caption: 'Factures GLS'
		});
		expect(carrierIcon('gls', list)).toBe('🟦');
		expect(parsersOf(list).gls).toBe(parser);
		// Unranked: after the legacy's six columns, which keep their order.
		expect(refactCarriers(list).map((c) => c.column)).toEqual([
			'DPD',
			'Mondial_Relay',
			'Colissimo',
			'Chronopost',
			'Colis_Prive',
			'DHL',
			'GLS'
		]);
		expect(carrierFor('gls', undefined, list)).toBe(ninth);
	});

	it('lists Chronopost with its default surcharge selection', () => {
		expect(CARRIERS).toContain(chronopostModule);
	});
});
