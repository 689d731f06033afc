/**
 * Saves a file through the browser's download (the data never leaves the device otherwise). Typed as bytes
 * whatever the Blob says (RULINGS 25): a user's original or attachment is never rendered as a page of the app.
 */
export function downloadBlob(blob: Blob, fileName: string): void {
	const url = URL.createObjectURL(blob.slice(0, blob.size, 'application/octet-stream'));
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.rel = 'noopener';
	document.body.append(link);
	link.click();
	link.remove();
	// Revoke later: Safari cancels a download whose URL is revoked synchronously.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `pilot_<name>_YYYYMMDD_HHMMSS.<ext>` in local time, the legacy's file naming. */
export function timestampedName(prefix: string, ext: string, now = new Date()): string {
	const p = (n: number) => String(n).padStart(2, '0');
	const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}_${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
	return `${prefix}_${stamp}.${ext}`;
}
