import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { testDataset } from '../dataset.testing';
import { PilotDB } from '../pilot-db';
import type { DatasetRecord, LibraryRecord } from '../records';
import { SCHEMA_V1, SCHEMA_V2 } from '../schema';
import { namedSources, type DatasetRef, type LibraryRecordV2 } from './v4-archive-sources';

const sha = (c: string) => c.repeat(64);

function ref(id: string, fileName: string, c: string, slot = 'predict', rowCount = 10): DatasetRef {
	return { id, sha256: sha(c), fileName, slot, rowCount };
}

/** A v2 archive of `files` ([dataset id, file name, slot, row count]). */
function archiveV2(module: string, files: [string, string, string, number][]): LibraryRecordV2 {
	return {
		id: `lib-${module}`,
		module,
		period: '2026-11',
		title: `${module} — Novembre 2026`,
		createdAt: 1,
		rowCount: 20,
		dateRange: null,
		partners: ['Boutique Éole'],
		datasetIds: files.map(([id]) => id),
		result: {
			label: module,
			files: files.map(([datasetId, fileName, slot, rowCount]) => ({ datasetId, fileName, slot, rowCount }))
		}
	};
}

const filesOf = (record: LibraryRecord) => (record.result as { files: object[] }).files;

describe('namedSources (schema v4): archives name their files by SHA-256', () => {
	it("names each file by its dataset's SHA-256, found by id, and drops the ids", () => {
		const record = archiveV2('dpd', [
			['ds-1', 'DPD_PREDICT.xlsx', 'predict', 10],
			['ds-2', 'DPD_CLASSIC.xlsx', 'classic', 10]
		]);
		const upgraded = namedSources(record, [
			ref('ds-2', 'DPD_CLASSIC.xlsx', 'b', 'classic'),
			ref('ds-1', 'DPD_PREDICT.xlsx', 'a')
		]);
		expect(upgraded.sources).toEqual([
			{ sha256: sha('a'), fileName: 'DPD_PREDICT.xlsx' },
			{ sha256: sha('b'), fileName: 'DPD_CLASSIC.xlsx' }
		]);
		expect(filesOf(upgraded)).toStrictEqual([
			{ sha256: sha('a'), fileName: 'DPD_PREDICT.xlsx', slot: 'predict', rowCount: 10 },
			{ sha256: sha('b'), fileName: 'DPD_CLASSIC.xlsx', slot: 'classic', rowCount: 10 }
		]);
		expect(upgraded).not.toHaveProperty('datasetIds');
		const { datasetIds, result, ...kept } = record;
		expect(datasetIds).toHaveLength(2);
		expect(upgraded).toMatchObject({ ...kept, result: { label: (result as { label: string }).label } });
	});

	it('names the files of an archive synced from another device by the file it lists (name, slot, rows)', () => {
		// The other device's ids; here the same files were imported again under other ids.
		const record = archiveV2('dpd', [['other-device-ds', 'DPD_PREDICT.xlsx', 'predict', 10]]);
		const upgraded = namedSources(record, [
			ref('ds-7', 'DPD_PREDICT.xlsx', 'a'),
			ref('ds-8', 'DPD_PREDICT.xlsx', 'c', 'predict', 11)
		]);
		expect(upgraded.sources).toEqual([{ sha256: sha('a'), fileName: 'DPD_PREDICT.xlsx' }]);
		expect(filesOf(upgraded)).toStrictEqual([
			{ sha256: sha('a'), fileName: 'DPD_PREDICT.xlsx', slot: 'predict', rowCount: 10 }
		]);
	});

	it('names nothing it cannot tell apart, nor a file deleted since: the archive still lists it by name', () => {
		const record = archiveV2('dpd', [
			['other-device-ds', 'DPD_PREDICT.xlsx', 'predict', 10],
			['deleted-ds', 'Ancienne facture.csv', 'classic', 4]
		]);
		const upgraded = namedSources(record, [
			ref('ds-7', 'DPD_PREDICT.xlsx', 'a'),
			ref('ds-9', 'DPD_PREDICT.xlsx', 'd')
		]);
		expect(upgraded.sources).toEqual([]);
		expect(filesOf(upgraded)).toStrictEqual([
			{ fileName: 'DPD_PREDICT.xlsx', slot: 'predict', rowCount: 10 },
			{ fileName: 'Ancienne facture.csv', slot: 'classic', rowCount: 4 }
		]);
	});

	it('leaves a result without files as it was', () => {
		const record: LibraryRecordV2 = { ...archiveV2('dpd', []), datasetIds: ['ds-1'], result: null };
		const upgraded = namedSources(record, [ref('ds-1', 'DPD_PREDICT.xlsx', 'a')]);
		expect(upgraded.sources).toEqual([{ sha256: sha('a'), fileName: 'DPD_PREDICT.xlsx' }]);
		expect(upgraded.result).toBeNull();
	});
});

function dataset(id: string, fileName: string, c: string, slot: string): DatasetRecord {
	return testDataset({ id, slot, fileName, sha256: sha(c), period: '2026-11', rowCount: 10, importedAt: 1 });
}

const opened: Dexie[] = [];
afterEach(async () => {
	for (const d of opened.splice(0)) {
		d.close();
		await Dexie.delete(d.name);
	}
});

describe('schema v4 upgrade of a v2 database', () => {
	it("rewrites every archive, each from its own module's datasets", async () => {
		const name = `v4-sources-${Math.random()}`;
		const old = new Dexie(name);
		old.version(1).stores(SCHEMA_V1);
		old.version(2).stores(SCHEMA_V2);
		await old.open();
		await old.table('dpdDatasets').bulkPut([dataset('dpd-1', 'export.csv', 'a', 'predict')]);
		// The same name and slot in another module's table: never taken for the returns' file.
		await old.table('retoursDatasets').bulkPut([dataset('ret-1', 'export.csv', 'e', 'predict')]);
		await old
			.table('library')
			.bulkPut([
				archiveV2('dpd', [['dpd-1', 'export.csv', 'predict', 10]]),
				archiveV2('retours', [['from-other-device', 'export.csv', 'predict', 10]])
			]);
		old.close();

		const db = new PilotDB(name);
		opened.push(db);
		await db.open();
		expect(db.verno).toBe(4);
		const [dpd, retours] = await db.library.bulkGet(['lib-dpd', 'lib-retours']);
		expect(dpd?.sources).toEqual([{ sha256: sha('a'), fileName: 'export.csv' }]);
		expect(retours?.sources).toEqual([{ sha256: sha('e'), fileName: 'export.csv' }]);
		expect(filesOf(retours!)).toStrictEqual([
			{ sha256: sha('e'), fileName: 'export.csv', slot: 'predict', rowCount: 10 }
		]);
		for (const record of [dpd, retours]) expect(record).not.toHaveProperty('datasetIds');
	});
});
