/**
 * The 3PL import queue: files read one at a time in the intake worker, reviewed (period, unreadable
 * lines), then saved through `saveThreePL`. It lives here, not in the component, so a file being read or
 * saved keeps going when the user leaves the page, and its progress and results show again on return.
 */
import type { ParsedSummary, ParsedUpload } from '$lib/intake/intake.core';
import { alreadyImported, parseInWorker } from '$lib/intake/intake.service';
import { overallPercent, PHASE_LABELS } from '$lib/intake/progress';
import { groupCounts } from '$lib/intake/values';
import { errorMessage, PilotError } from '$lib/i18n/errors';
import { formatPeriod, plural } from '$lib/i18n/format';
import { activity } from '$lib/state/activity.svelte';
import { STORE } from './logisticiens.repository';
import { saveThreePL } from './logisticiens.service';

export type PendingStatus = 'waiting' | 'reading' | 'ready' | 'duplicate' | 'error';

/** What the review table shows of a read file; its packed chunks stay out of reactive state. */
export interface PendingSummary {
	rows: number;
	dateRange: [string, string] | null;
	detected: string | null;
	errors: { line: number; message: string }[];
	carriers: [string, number][];
	missingColumns: string[];
}

export interface PendingFile {
	key: number;
	file: File;
	status: PendingStatus;
	summary?: PendingSummary;
	period: string;
	skipBad: boolean;
	message?: string;
}

export interface ImportProgress {
	label: string;
	done: number;
	total: number;
}

export interface ImportResult {
	ok: boolean;
	text: string;
}

const MONTH = /^\d{4}-\d{2}$/;

export class ThreePLImportManager {
	pending = $state<PendingFile[]>([]);
	progress = $state<ImportProgress | null>(null);
	results = $state<ImportResult[]>([]);
	saving = $state(false);

	readonly reading = $derived(this.pending.some((p) => p.status === 'waiting' || p.status === 'reading'));
	/** Files read and not yet stored (neither a duplicate nor unreadable). */
	readonly savable = $derived(this.pending.filter((p) => p.status === 'ready'));
	/** What "Sauvegarder" saves: the savable files with a month and their unreadable lines dealt with. */
	readonly toSave = $derived(
		this.savable.filter((p) => MONTH.test(p.period) && (p.summary!.errors.length === 0 || p.skipBad))
	);

	/** Parsed files by pending key: plain objects, as IndexedDB needs them (a $state proxy cannot be stored). */
	#parsed: Record<number, ParsedUpload> = {};
	#controller: AbortController | null = null;
	#running = false;
	#nextKey = 1;

	/** Queues files and reads them in turn; resolves once the queue holds no waiting file. */
	add(files: File[]): Promise<void> {
		this.results = [];
		this.pending = [
			...this.pending,
			...files.map((file) => ({
				key: this.#nextKey++,
				file,
				status: 'waiting' as const,
				period: '',
				skipBad: false
			}))
		];
		return this.#drain();
	}

	/** Stops the file being read and drops the waiting ones: nothing is saved. */
	cancel(): void {
		this.pending = this.pending.filter((p) => p.status !== 'waiting');
		this.#controller?.abort();
		this.results = [{ ok: false, text: "Lecture annulée : rien n'a été enregistré." }];
	}

	remove(key: number): void {
		delete this.#parsed[key];
		this.pending = this.pending.filter((p) => p.key !== key);
	}

	setPeriod(key: number, period: string): void {
		const item = this.#find(key);
		if (item) item.period = period;
	}

	/** The user's choice to import a file without its unreadable lines (it is refused otherwise). */
	setSkipBad(key: number, skip: boolean): void {
		const item = this.#find(key);
		if (item) item.skipBad = skip;
	}

	/** Saves every file ready to save, one after the other; a failed one stays in the list. */
	async save(): Promise<void> {
		if (this.saving) return;
		this.saving = true;
		activity.begin('Enregistrement de fichiers logisticiens');
		const done: ImportResult[] = [];
		try {
			for (const item of this.toSave) {
				const label = `${PHASE_LABELS.save} — ${item.file.name}`;
				this.progress = { label, done: 0, total: 100 };
				const dataset = await saveThreePL(
					this.#parsed[item.key],
					item.file,
					item.period,
					item.skipBad,
					(p) => (this.progress = { label, done: overallPercent(p), total: 100 })
				);
				if (dataset) {
					this.remove(item.key);
					const skipped = dataset.skipped.length
						? `, ${plural(dataset.skipped.length, 'ligne ignorée', 'lignes ignorées')}`
						: '';
					done.push({
						ok: true,
						text: `✅ ${dataset.fileName} → ${formatPeriod(dataset.period)} (${plural(dataset.rowCount, 'ligne')}${skipped})`
					});
				} else {
					done.push({
						ok: false,
						text: `❌ ${item.file.name} → Erreur de sauvegarde (voir le message ci-dessus)`
					});
				}
			}
		} finally {
			activity.end();
			this.saving = false;
			this.progress = null;
			this.results = done;
		}
	}

	#find(key: number): PendingFile | undefined {
		return this.pending.find((p) => p.key === key);
	}

	/** Reads the waiting files one at a time in the intake worker. */
	async #drain(): Promise<void> {
		if (this.#running) return;
		this.#running = true;
		activity.begin('Lecture de fichiers logisticiens');
		try {
			for (let item = this.#next(); item; item = this.#next()) await this.#readOne(item);
		} finally {
			activity.end();
			this.#running = false;
			this.progress = null;
		}
	}

	#next(): PendingFile | undefined {
		return this.pending.find((p) => p.status === 'waiting');
	}

	async #readOne(item: PendingFile): Promise<void> {
		item.status = 'reading';
		const controller = (this.#controller = new AbortController());
		this.progress = { label: `${PHASE_LABELS.hash} — ${item.file.name}`, done: 0, total: 100 };
		try {
			const parsed = await parseInWorker(item.file, '3pl', {
				signal: controller.signal,
				onProgress: (p) => {
					const phase = p.phase as keyof typeof PHASE_LABELS;
					this.progress = {
						label: `${PHASE_LABELS[phase]} — ${item.file.name}`,
						done: overallPercent({ phase, done: p.done, total: p.total }),
						total: 100
					};
				}
			});
			const duplicate = await alreadyImported(STORE, parsed);
			this.#parsed[item.key] = parsed;
			item.summary = summarise(parsed);
			item.period = parsed.result.period ?? '';
			item.status = duplicate ? 'duplicate' : 'ready';
			item.message = duplicate ? errorMessage(duplicate) : undefined;
		} catch (err) {
			if (err instanceof PilotError && err.code === 'cancelled') {
				this.pending = this.pending.filter((p) => p.key !== item.key);
			} else {
				item.status = 'error';
				item.message = errorMessage(err);
			}
		} finally {
			this.#controller = null;
		}
	}
}

function summarise({ result }: ParsedSummary): PendingSummary {
	const counts = (result.meta?.perCarrier ?? {}) as Record<string, number>;
	return {
		rows: result.rowCount,
		dateRange: result.dateRange,
		detected: result.period,
		errors: [...result.errors],
		carriers: groupCounts(Object.entries(counts)),
		missingColumns: (result.meta?.missingColumns as string[] | undefined) ?? []
	};
}

/** The app's one 3PL import queue. */
export const threePLImport = new ThreePLImportManager();
