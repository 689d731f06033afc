import { beforeEach, describe, expect, it, vi } from 'vitest';

/** Each workbook's import waits for the test to finish it, as a long transaction would. */
const imports = vi.hoisted(
	() => [] as { name: string; finish: (r: unknown) => void; fail: (e: unknown) => void }[]
);
vi.mock('./claims-import.service', () => ({
	importClaimsWorkbook: (file: File) =>
		new Promise((finish, fail) => imports.push({ name: file.name, finish, fail }))
}));

const { ClaimsImportManager } = await import('./claims-import-manager.svelte');

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const file = (name: string) => new File(['x'], name);

let claims: InstanceType<typeof ClaimsImportManager>;
beforeEach(() => {
	imports.length = 0;
	claims = new ClaimsImportManager();
});

describe('the claims workbook import', () => {
	it('is busy while a workbook imports, and idle with its counts once done', async () => {
		expect(claims.busy).toBe(false);
		const done = claims.import(file('Indemnisations_1.xlsx'));
		await settle();
		expect(claims.busy).toBe(true);
		expect(claims.queued).toEqual(['Indemnisations_1.xlsx']);
		imports[0].finish({ added: 2, skipped: 1 });
		expect(await done).toEqual({ added: 2, skipped: 1 });
		expect(claims.busy).toBe(false);
	});

	it('imports workbooks picked meanwhile one after the other, never two at once', async () => {
		const first = claims.import(file('a.xlsx'));
		const second = claims.import(file('b.xlsx'));
		await settle();
		expect(imports.map((i) => i.name)).toEqual(['a.xlsx']);
		expect(claims.queued).toEqual(['a.xlsx', 'b.xlsx']);
		imports[0].finish({ added: 1, skipped: 0 });
		await first;
		await settle();
		expect(imports.map((i) => i.name)).toEqual(['a.xlsx', 'b.xlsx']);
		expect(claims.queued).toEqual(['b.xlsx']);
		imports[1].finish({ added: 0, skipped: 1 });
		expect(await second).toEqual({ added: 0, skipped: 1 });
		expect(claims.busy).toBe(false);
	});

	it('a refused workbook (told by the service) does not stop the next one', async () => {
		const refused = claims.import(file('bad.xlsx'));
		const next = claims.import(file('ok.xlsx'));
		await settle();
		imports[0].finish(undefined);
		expect(await refused).toBeUndefined();
		await settle();
		expect(claims.queued).toEqual(['ok.xlsx']);
		imports[1].finish({ added: 1, skipped: 0 });
		expect(await next).toEqual({ added: 1, skipped: 0 });
		expect(claims.busy).toBe(false);
	});

	it('an unexpected failure frees the import for the next workbook', async () => {
		const failed = claims.import(file('crash.xlsx'));
		const next = claims.import(file('ok.xlsx'));
		await settle();
		imports[0].fail(new Error('boom'));
		await expect(failed).rejects.toThrow('boom');
		await settle();
		expect(imports.map((i) => i.name)).toEqual(['crash.xlsx', 'ok.xlsx']);
		imports[1].finish({ added: 1, skipped: 0 });
		expect(await next).toEqual({ added: 1, skipped: 0 });
		expect(claims.queued).toEqual([]);
	});
});
