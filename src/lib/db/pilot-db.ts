import Dexie, { type EntityTable, type Table } from 'dexie';
import type {
	AttendusClientRecord,
	AttendusManualRecord,
	BackupHistoryRecord,
	ChunkRecord,
	ClaimAttachmentRecord,
	ClaimRecord,
	DatasetRecord,
	LibraryRecord,
	SettingRecord,
	SnapshotRecord,
	SummaryRecord
} from './records';
import { SCHEMA_VERSIONS, type DatasetStore } from './schema';
import { MIGRATIONS } from './migrations';

export const DB_NAME = 'pilot-greenlog';

export class PilotDB extends Dexie {
	library!: EntityTable<LibraryRecord, 'id'>;
	claims!: EntityTable<ClaimRecord, 'id'>;
	claimAttachments!: EntityTable<ClaimAttachmentRecord, 'id'>;
	attendusManual!: EntityTable<AttendusManualRecord, 'id'>;
	attendusClients!: EntityTable<AttendusClientRecord, 'name'>;
	settings!: EntityTable<SettingRecord, 'key'>;
	backupHistory!: EntityTable<BackupHistoryRecord, 'id'>;
	snapshots!: EntityTable<SnapshotRecord, 'id'>;
	summaries!: EntityTable<SummaryRecord, 'module'>;

	constructor(name = DB_NAME) {
		super(name);
		for (const { version, stores } of SCHEMA_VERSIONS) {
			const v = this.version(version).stores(stores);
			const upgrade = MIGRATIONS[version];
			if (upgrade) v.upgrade(upgrade);
		}
	}

	/** A bulk-row module's tables (`dpdDatasets`, `dpdChunks`…), declared from DATASET_STORES. */
	datasets(store: DatasetStore): EntityTable<DatasetRecord, 'id'> {
		return this.table(`${store}Datasets`);
	}

	chunks(store: DatasetStore): Table<ChunkRecord, [string, number]> {
		return this.table(`${store}Chunks`);
	}
}

export const db = new PilotDB();
