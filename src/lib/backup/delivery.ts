/**
 * Getting a backup file out of the browser: the save-file picker where there is one, the share
 * sheet where downloads do not work (iPad/iPhone home-screen apps), a download link elsewhere.
 * A user's cancel (AbortError) is never a failure.
 */
export type Delivery = 'picker' | 'download' | 'share';

interface PickerHandle {
	createWritable(): Promise<{ write(data: Blob): Promise<void>; close(): Promise<void> }>;
}

export interface DeliveryEnv {
	showSaveFilePicker?: (options: unknown) => Promise<PickerHandle>;
	canShare?: (data: { files: File[] }) => boolean;
	share?: (data: { files: File[]; title?: string }) => Promise<void>;
	/** Downloads are ignored in iOS home-screen apps. */
	downloadsBlocked: boolean;
	download(blob: Blob, fileName: string): void;
}

const isAbort = (error: unknown) => (error as { name?: string } | null)?.name === 'AbortError';

export function browserEnv(): DeliveryEnv {
	const w = window as unknown as { showSaveFilePicker?: DeliveryEnv['showSaveFilePicker'] };
	const nav = navigator as Navigator & { standalone?: boolean };
	const ios =
		/iPad|iPhone|iPod/.test(nav.userAgent) || (nav.platform === 'MacIntel' && nav.maxTouchPoints > 1);
	const standalone = nav.standalone === true || matchMedia('(display-mode: standalone)').matches;
	return {
		showSaveFilePicker:
			typeof w.showSaveFilePicker === 'function' ? w.showSaveFilePicker.bind(window) : undefined,
		canShare: typeof nav.canShare === 'function' ? nav.canShare.bind(nav) : undefined,
		share: typeof nav.share === 'function' ? nav.share.bind(nav) : undefined,
		downloadsBlocked: ios && standalone,
		download(blob, fileName) {
			const url = URL.createObjectURL(blob);
			const a = document.createElement('a');
			a.href = url;
			a.download = fileName;
			a.rel = 'noopener';
			document.body.append(a);
			a.click();
			a.remove();
			setTimeout(() => URL.revokeObjectURL(url), 60_000);
		}
	};
}

/** Saves `blob` as `fileName`; resolves with how it left, or 'cancelled'. */
export async function deliverFile(
	blob: Blob,
	fileName: string,
	env: DeliveryEnv
): Promise<Delivery | 'cancelled'> {
	if (env.showSaveFilePicker) {
		try {
			const handle = await env.showSaveFilePicker({
				suggestedName: fileName,
				types: [{ description: 'Sauvegarde Pilot (.zip)', accept: { 'application/zip': ['.zip'] } }]
			});
			const writable = await handle.createWritable();
			await writable.write(blob);
			await writable.close();
			return 'picker';
		} catch (error) {
			if (isAbort(error)) return 'cancelled';
			throw error;
		}
	}
	if (env.downloadsBlocked && env.share && env.canShare) {
		const file = new File([blob], fileName, { type: 'application/zip' });
		if (env.canShare({ files: [file] })) {
			try {
				await env.share({ files: [file], title: fileName });
				return 'share';
			} catch (error) {
				if (isAbort(error)) return 'cancelled';
				throw error;
			}
		}
	}
	env.download(blob, fileName);
	return 'download';
}
