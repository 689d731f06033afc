import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (event: { isUpdate?: boolean }) => void;
const wb = vi.hoisted(() => ({
	handlers: {} as Record<string, Handler>,
	messageSkipWaiting: vi.fn(),
	update: vi.fn(async () => {})
}));

vi.mock('workbox-window', () => ({
	Workbox: class {
		addEventListener(type: string, handler: Handler) {
			wb.handlers[type] = handler;
		}
		register = vi.fn(async () => ({ installing: null, waiting: null }));
		messageSkipWaiting = wb.messageSkipWaiting;
		update = wb.update;
	}
}));

const { appUpdate } = await import('./update.svelte');
const { activity } = await import('./activity.svelte');

describe('app update', () => {
	const reload = vi.fn();
	beforeEach(async () => {
		vi.stubGlobal('navigator', { serviceWorker: { controller: null } });
		vi.stubGlobal('window', { location: { reload } });
		await appUpdate.register();
	});
	afterEach(() => {
		vi.unstubAllGlobals();
		activity.end();
	});

	it('offers a waiting version, never applies it during a restore, then reloads onto it', async () => {
		expect(appUpdate.waiting).toBe(false);
		wb.handlers.waiting({});
		expect(appUpdate.waiting).toBe(true);

		activity.begin('Restauration en cours');
		expect(appUpdate.apply()).toBe(false);
		expect(wb.messageSkipWaiting).not.toHaveBeenCalled();

		activity.end();
		expect(appUpdate.apply()).toBe(true);
		expect(wb.messageSkipWaiting).toHaveBeenCalledTimes(1);
		expect(reload).not.toHaveBeenCalled();
		wb.handlers.controlling({ isUpdate: true });
		expect(reload).toHaveBeenCalledTimes(1);
	});

	it('marks the app ready offline on the first activation; a check reports the waiting version', async () => {
		wb.handlers.activated({ isUpdate: false });
		expect(appUpdate.offlineReady).toBe(true);
		expect(await appUpdate.check()).toBe(true);
		expect(wb.update).toHaveBeenCalled();
	});
});
