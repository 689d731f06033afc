import { describe, expect, it } from 'vitest';
import { roomToFree, snapshotsToDelete } from './snapshot-retention';

const now = new Date(2026, 10, 27, 18, 0).getTime();
const at = (daysAgo: number, hour: number) => new Date(2026, 10, 27 - daysAgo, hour).getTime();

describe('snapshot retention', () => {
	it('keeps the 3 latest of today and the latest of each of the 7 days before', () => {
		const list = [
			...[8, 10, 12, 14, 16].map((h) => ({ id: `today-${h}`, createdAt: at(0, h) })),
			...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((d) => [
				{ id: `d${d}-9`, createdAt: at(d, 9) },
				{ id: `d${d}-17`, createdAt: at(d, 17) }
			])
		];
		const dropped = new Set(snapshotsToDelete(list, now));
		const kept = list.filter((s) => !dropped.has(s.id)).map((s) => s.id);
		expect(kept).toEqual([
			'today-12',
			'today-14',
			'today-16',
			...[1, 2, 3, 4, 5, 6, 7].map((d) => `d${d}-17`)
		]);
	});

	it('keeps everything while there are few', () => {
		expect(
			snapshotsToDelete(
				[
					{ id: 'a', createdAt: at(0, 9) },
					{ id: 'b', createdAt: at(3, 9) }
				],
				now
			)
		).toEqual([]);
	});
});

describe('room to free on a full disk', () => {
	it('frees only what retention drops once the new snapshot is in', () => {
		const existing = [8, 10, 12].map((h) => ({ id: `today-${h}`, createdAt: at(0, h) }));
		expect(roomToFree(existing, { id: 'new', createdAt: at(0, 17) })).toEqual(['today-8']);
	});

	it('never frees the newest snapshot kept, even when retention would drop it', () => {
		const existing = [
			{ id: 'old', createdAt: at(12, 9) },
			{ id: 'older', createdAt: at(20, 9) }
		];
		expect(snapshotsToDelete([...existing, { id: 'new', createdAt: now }], now)).toContain('old');
		expect(roomToFree(existing, { id: 'new', createdAt: now })).toEqual(['older']);
		expect(roomToFree([], { id: 'new', createdAt: now })).toEqual([]);
	});
});
