import { describe, expect, it, vi } from 'vitest';
import { deliverFile, type DeliveryEnv } from './delivery';

const blob = new Blob(['zip'], { type: 'application/zip' });
const name = 'pilot_GREENLOG_backup_20261127_120000.zip';

function env(overrides: Partial<DeliveryEnv> = {}): DeliveryEnv {
	return { downloadsBlocked: false, download: vi.fn(), ...overrides };
}

describe('deliverFile', () => {
	it('writes through the save-file picker when there is one', async () => {
		const write = vi.fn();
		const close = vi.fn();
		const picker = vi.fn(async () => ({ createWritable: async () => ({ write, close }) }));
		const e = env({ showSaveFilePicker: picker });
		expect(await deliverFile(blob, name, e)).toBe('picker');
		expect(picker).toHaveBeenCalledWith(expect.objectContaining({ suggestedName: name }));
		expect(write).toHaveBeenCalledWith(blob);
		expect(close).toHaveBeenCalled();
		expect(e.download).not.toHaveBeenCalled();
	});

	it('treats an AbortError from the picker as a cancel, not a failure', async () => {
		const e = env({ showSaveFilePicker: () => Promise.reject(new DOMException('x', 'AbortError')) });
		expect(await deliverFile(blob, name, e)).toBe('cancelled');
		expect(e.download).not.toHaveBeenCalled();
	});

	it('shares the file where downloads are blocked (iPad home-screen app)', async () => {
		const share = vi.fn(async () => {});
		const canShare = vi.fn(() => true);
		const e = env({ downloadsBlocked: true, share, canShare });
		expect(await deliverFile(blob, name, e)).toBe('share');
		const shared = (share.mock.calls[0] as unknown as [{ files: File[] }])[0].files[0];
		expect(shared.name).toBe(name);
		expect(shared.type).toBe('application/zip');
		expect(e.download).not.toHaveBeenCalled();
	});

	it('treats a dismissed share sheet as a cancel', async () => {
		const e = env({
			downloadsBlocked: true,
			canShare: () => true,
			share: () => Promise.reject(new DOMException('x', 'AbortError'))
		});
		expect(await deliverFile(blob, name, e)).toBe('cancelled');
	});

	it('falls back to a download link elsewhere', async () => {
		const e = env({ canShare: () => true, share: vi.fn() });
		expect(await deliverFile(blob, name, e)).toBe('download');
		expect(e.download).toHaveBeenCalledWith(blob, name);
		expect(e.share).not.toHaveBeenCalled();
	});
});
