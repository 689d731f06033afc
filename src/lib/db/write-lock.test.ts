import { describe, expect, it } from 'vitest';
import { holdWrites, withWrite } from './write-lock';
import { db } from './pilot-db';

describe('write lock', () => {
	it('makes app writes wait until a backup releases the lock', async () => {
		const events: string[] = [];
		let release!: () => void;
		const held = holdWrites(async () => {
			events.push('hold');
			await new Promise<void>((r) => (release = r));
			events.push('release');
		});
		const write = withWrite([db.settings], async () => {
			events.push('write');
			await db.settings.put({ key: 'k', value: 1, updatedAt: 0 });
		});
		await new Promise((r) => setTimeout(r, 20));
		expect(events).toEqual(['hold']);
		release();
		await Promise.all([held, write]);
		expect(events).toEqual(['hold', 'release', 'write']);
		expect(await db.settings.get('k')).toMatchObject({ value: 1 });
	});

	it('runs a backup after the writes already queued and before the ones that follow', async () => {
		const events: string[] = [];
		const put = (key: string) =>
			withWrite([db.settings], async () => {
				await db.settings.put({ key, value: key, updatedAt: 0 });
				events.push(key);
			});
		const first = put('first');
		const held = holdWrites(async () => {
			events.push(`hold sees ${(await db.settings.get('first'))?.value}`);
		});
		const second = put('second');
		await Promise.all([first, held, second]);
		expect(events).toEqual(['first', 'hold sees first', 'second']);
	});
});
