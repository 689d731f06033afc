/**
 * Process memory during a case, from Linux's own accounting: CDP `SystemInfo.getProcessInfo` gives the
 * browser's process ids and types (and CPU time only — no memory), and /proc/<pid>/smaps_rollup gives
 * each one's PSS (proportional set size: its private pages plus its share of shared ones), which counts
 * everything the process holds — JS heaps, ArrayBuffer contents, Blob data, IndexedDB caches.
 *
 * - `renderer`: every renderer process. The page and its dedicated workers live in one of them; the
 *   others (Chromium's spare renderer, a closed page's) are small and constant, and are included.
 * - `browser`: the browser process (its blob registry holds Blob bytes in memory until it pages them to
 *   disk) and the storage service (IndexedDB's backend).
 *
 * The peak is the largest total (renderer + browser) seen, sampled every 40 ms. On a system without
 * /proc (not Linux), every figure is null.
 */
import { existsSync, readFileSync } from 'node:fs';

const SAMPLE_MS = 40;
const KINDS = { renderer: 'renderer', browser: 'browser', 'storage.mojom.StorageService': 'browser' };

/** PSS of a process in bytes (VmRSS where smaps_rollup is missing), or 0 if it is gone. */
function pss(pid) {
	try {
		const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
		const kb = /^Pss:\s+(\d+) kB/m.exec(rollup);
		if (kb) return Number(kb[1]) * 1024;
	} catch {
		// fall back to status below
	}
	try {
		const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return kb ? Number(kb[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

export class ProcessMemory {
	/** @param {import('playwright-core').CDPSession} browserSession a browser-level CDP session */
	constructor(browserSession) {
		this.session = browserSession;
		this.supported = existsSync('/proc/self/smaps_rollup') || existsSync('/proc/self/status');
	}

	async #processes() {
		const { processInfo } = await this.session.send('SystemInfo.getProcessInfo');
		return processInfo.filter((p) => KINDS[p.type]).map((p) => ({ pid: p.id, kind: KINDS[p.type] }));
	}

	#sample(processes) {
		const out = { renderer: 0, browser: 0 };
		for (const p of processes) out[p.kind] += pss(p.pid);
		return out;
	}

	/** Runs `fn`, sampling meanwhile; its value and the memory figures in MB (null when unsupported). */
	async during(fn) {
		if (!this.supported) return { value: await fn(), memory: null };
		let processes = await this.#processes();
		const start = this.#sample(processes);
		let peak = { ...start, total: start.renderer + start.browser };
		let done = false;
		const poll = (async () => {
			for (let i = 0; !done; i++) {
				// A worker's thread lives in its page's renderer; a process list refresh catches a new renderer.
				if (i % 25 === 24) processes = await this.#processes().catch(() => processes);
				const s = this.#sample(processes);
				if (s.renderer + s.browser > peak.total) peak = { ...s, total: s.renderer + s.browser };
				await new Promise((r) => setTimeout(r, SAMPLE_MS));
			}
		})();
		try {
			return { value: await fn(), memory: figures(start, peak) };
		} finally {
			done = true;
			await poll;
		}
	}
}

const mb = (bytes) => Math.round((bytes / 1048576) * 10) / 10;

function figures(start, peak) {
	return {
		peakProcessMB: mb(peak.total),
		peakRendererMB: mb(peak.renderer),
		peakBrowserMB: mb(peak.browser),
		startProcessMB: mb(start.renderer + start.browser)
	};
}
