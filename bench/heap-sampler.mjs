/**
 * Peak JS heap of a page AND its workers, over CDP. Workers are auto-attached to the page's session
 * (Target.setAutoAttach); Playwright's CDPSession cannot address flattened child sessions, so workers
 * are reached through Target.sendMessageToTarget (non-flattened). Each target is polled with
 * Runtime.getHeapUsage; the peak is the largest sum of the latest figures of every live target.
 */

export class HeapSampler {
	/** @param {import('playwright-core').CDPSession} session a CDP session on the page */
	constructor(session) {
		this.session = session;
		/** @type {Map<string, { used: number, url: string }>} latest usedSize per worker session */
		this.workers = new Map();
		this.pageUsed = 0;
		this.nextId = 1;
		/** @type {Map<number, (msg: any) => void>} */
		this.pending = new Map();
		this.running = false;
		this.peak = 0;
		this.workersSeen = 0;
	}

	async start() {
		this.session.on('Target.attachedToTarget', (e) => {
			if (e.targetInfo.type !== 'worker') return;
			this.workers.set(e.sessionId, { used: 0, url: e.targetInfo.url });
			this.workersSeen++;
		});
		this.session.on('Target.detachedFromTarget', (e) => this.workers.delete(e.sessionId));
		this.session.on('Target.receivedMessageFromTarget', (e) => {
			const msg = JSON.parse(e.message);
			const resolve = msg.id !== undefined ? this.pending.get(msg.id) : undefined;
			if (resolve) {
				this.pending.delete(msg.id);
				resolve(msg);
			}
		});
		await this.session.send('Target.setAutoAttach', {
			autoAttach: true,
			waitForDebuggerOnStart: false,
			flatten: false
		});
	}

	/** A command to a worker; resolves with the raw reply, or null if the worker went away. */
	toWorker(sessionId, method, params = {}) {
		const id = this.nextId++;
		return new Promise((resolve) => {
			this.pending.set(id, resolve);
			this.session
				.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
				.catch(() => {
					this.pending.delete(id);
					resolve(null);
				});
			setTimeout(() => {
				if (this.pending.delete(id)) resolve(null);
			}, 5000);
		});
	}

	/** Collect garbage in the page and every worker so that each case starts from the same floor. */
	async collectGarbage() {
		await this.session.send('HeapProfiler.collectGarbage').catch(() => {});
		await Promise.all([...this.workers.keys()].map((s) => this.toWorker(s, 'HeapProfiler.collectGarbage')));
	}

	total() {
		let sum = this.pageUsed;
		for (const w of this.workers.values()) sum += w.used;
		return sum;
	}

	async sampleOnce() {
		const page = this.session.send('Runtime.getHeapUsage').then(
			(r) => (this.pageUsed = r.usedSize),
			() => {}
		);
		const workers = [...this.workers.entries()].map(async ([sid, w]) => {
			const reply = await this.toWorker(sid, 'Runtime.getHeapUsage');
			if (reply?.result) w.used = reply.result.usedSize;
		});
		await Promise.all([page, ...workers]);
		this.peak = Math.max(this.peak, this.total());
	}

	/** Sample every `everyMs` while `run()` is pending; returns run's value and the peak in bytes. */
	async during(run, everyMs = 40) {
		await this.collectGarbage();
		this.peak = 0;
		await this.sampleOnce();
		const floor = this.total();
		const seenBefore = this.workersSeen;
		let done = false;
		const loop = (async () => {
			while (!done) {
				await this.sampleOnce();
				await new Promise((r) => setTimeout(r, everyMs));
			}
		})();
		try {
			const value = await run();
			done = true;
			await loop;
			return { value, peakBytes: this.peak, floorBytes: floor, workers: this.workersSeen - seenBefore };
		} finally {
			done = true;
			await loop;
		}
	}
}
