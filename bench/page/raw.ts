/**
 * The limits: IndexedDB's own speed with the bare API, no Dexie, no zip, no hashing.
 * One record per row (the slow layout) and the chunk records of the real schema (the fast one).
 */

export function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

function done(tx: IDBTransaction): Promise<void> {
	return new Promise((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error);
		tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
	});
}

export async function deleteDatabase(name: string): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const req = indexedDB.deleteDatabase(name);
		req.onsuccess = () => resolve();
		req.onerror = () => reject(req.error);
		req.onblocked = () => resolve();
	});
}

export function openDatabase(name: string, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
	const req = upgrade ? indexedDB.open(name, 1) : indexedDB.open(name);
	if (upgrade) req.onupgradeneeded = () => upgrade(req.result);
	return request(req);
}

const ROWS_DB = 'bench-raw-rows';

/** N rows, one record each, in one transaction. */
export async function writeRows(rows: unknown[]): Promise<void> {
	await deleteDatabase(ROWS_DB);
	const idb = await openDatabase(ROWS_DB, (d) => d.createObjectStore('rows', { autoIncrement: true }));
	const tx = idb.transaction('rows', 'readwrite');
	const store = tx.objectStore('rows');
	for (const row of rows) store.put(row);
	await done(tx);
	idb.close();
}

export async function readRows(): Promise<number> {
	const idb = await openDatabase(ROWS_DB);
	const tx = idb.transaction('rows', 'readonly');
	const rows = await request(tx.objectStore('rows').getAll());
	idb.close();
	return rows.length;
}

/** Every record of every table, as the real schema stores them, in one transaction. */
export async function writeTables(
	dbName: string,
	tables: { name: string; records: unknown[] }[]
): Promise<void> {
	const idb = await openDatabase(dbName);
	const names = tables.map((t) => t.name);
	const tx = idb.transaction(names, 'readwrite');
	for (const t of tables) {
		const store = tx.objectStore(t.name);
		for (const rec of t.records) store.put(rec);
	}
	await done(tx);
	idb.close();
}

/**
 * The least any verification of a finished ZIP must do: read every byte back (16 MB windows, the next one
 * read while this one is hashed) and SHA-256 it. No ZIP parsing, no per-entry work: a floor, not a reader.
 */
export async function verifyZip(zip: Blob): Promise<{ bytes: number }> {
	const WINDOW = 16 * 1024 * 1024;
	const read = (at: number) => zip.slice(at, at + WINDOW).arrayBuffer();
	let next = read(0);
	for (let at = 0; at < zip.size; at += WINDOW) {
		const bytes = await next;
		if (at + WINDOW < zip.size) next = read(at + WINDOW);
		await crypto.subtle.digest('SHA-256', bytes);
	}
	return { bytes: zip.size };
}

/**
 * Read every table in one read-only transaction, then every Blob's bytes: what a backup has to read.
 * Returns rows (records) and blob bytes read.
 */
export async function readTables(dbName: string): Promise<{ records: number; blobBytes: number }> {
	const idb = await openDatabase(dbName);
	const names = [...idb.objectStoreNames];
	const tx = idb.transaction(names, 'readonly');
	const all = await Promise.all(names.map((n) => request(tx.objectStore(n).getAll())));
	idb.close();
	let records = 0;
	let blobBytes = 0;
	for (const list of all)
		for (const rec of list) {
			records++;
			for (const v of Object.values(rec as Record<string, unknown>))
				if (v instanceof Blob) blobBytes += (await v.arrayBuffer()).byteLength;
		}
	return { records, blobBytes };
}
