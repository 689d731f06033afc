import type { Table } from 'dexie';
import { db } from './pilot-db';

/**
 * App writes are "shared" holders of one lock; a backup or restore holds it "exclusive" (RULINGS.md 16),
 * so a backup reads every table at one moment and a restore never interleaves with an edit.
 * Web Locks make this hold across tabs; in-process queueing covers runtimes without them (tests).
 */
const LOCK = 'pilot-db-writes';

type Mode = 'shared' | 'exclusive';

let active: { mode: Mode; count: number } | null = null;
const waiting: { mode: Mode; wake: () => void }[] = [];

function admit(): void {
	while (waiting.length) {
		const next = waiting[0];
		if (active && (active.mode === 'exclusive' || next.mode === 'exclusive')) return;
		waiting.shift();
		active = active ? { mode: active.mode, count: active.count + 1 } : { mode: next.mode, count: 1 };
		next.wake();
		if (next.mode === 'exclusive') return;
	}
}

async function inProcess<T>(mode: Mode, fn: () => Promise<T>): Promise<T> {
	await new Promise<void>((wake) => {
		waiting.push({ mode, wake });
		admit();
	});
	try {
		return await fn();
	} finally {
		if (active && --active.count === 0) active = null;
		admit();
	}
}

function withLock<T>(mode: Mode, fn: () => Promise<T>): Promise<T> {
	const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
	if (locks) return locks.request(LOCK, { mode }, fn) as Promise<T>;
	return inProcess(mode, fn);
}

/** Run an app write in one read-write transaction, after any backup or restore in progress. */
export function withWrite<T>(tables: (Table | string)[], fn: () => Promise<T>): Promise<T> {
	return withLock('shared', () => db.transaction('rw', tables, fn));
}

/**
 * Hold every app write while `fn` runs (backup, restore, snapshot). `fn` writes with `db.transaction`
 * directly; calling `withWrite` from inside it would wait forever.
 */
export function holdWrites<T>(fn: () => Promise<T>): Promise<T> {
	return withLock('exclusive', fn);
}
