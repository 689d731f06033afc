/**
 * Medians, ratios and targets from the raw figures of bench/run.mjs; the printed table.
 * Targets are reported, never asserted (PRODUCT.md, Performance).
 */

const CASES = [
	['rawWriteRows', 'IndexedDB write, 1 record/row'],
	['rawReadRows', 'IndexedDB read, 1 record/row'],
	['rawWriteObjectChunks', 'IndexedDB write, chunks of row objects'],
	['rawReadObjectChunks', 'IndexedDB read, chunks of row objects'],
	['rawWriteChunks', 'IndexedDB write, app records (packed chunks)'],
	['rawReadChunks', 'IndexedDB read, app records (packed chunks)'],
	['exportDB', 'dexie-export-import exportDB'],
	['importDB', 'dexie-export-import importDB'],
	['backup', 'Pilot backup (verified ZIP)'],
	['rawVerifyZip', 'Bare re-read + SHA-256 of that ZIP'],
	['backupEncrypted', 'Pilot backup, with a password'],
	['restoreOverData', 'Pilot restore over data (snapshot + verify + write)'],
	['restore', 'Pilot restore into an empty DB (verify + write)'],
	['restoreVerifyFirst', 'Pilot restore, every entry checked before writing'],
	['restoreEncrypted', 'Pilot restore, with a password (empty DB)'],
	['parseCarrier', 'Carrier CSV: parse alone'],
	['importCarrier', 'Carrier CSV: import (parse + store)'],
	['parse3pl', '3PL workbook: parse alone'],
	['import3pl', '3PL workbook: import (parse + store)'],
	['exportXlsx', 'Workbook export of N lines (writeXlsx)']
];

function median(xs) {
	const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
	if (!v.length) return null;
	const m = Math.floor(v.length / 2);
	return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

const round = (x, d = 1) => (x === null || x === undefined ? null : Math.round(x * 10 ** d) / 10 ** d);
const ratio = (a, b) => (a === null || b === null || !b ? null : round(a / b, 2));
const maxOf = (...xs) => {
	const v = xs.filter((x) => typeof x === 'number');
	return v.length ? Math.max(...v) : null;
};

/** Median ms and heap of a case over its repetitions; the worst long task; the first error. */
function caseSummary(runs) {
	const ok = runs.filter((r) => !r.error);
	const error = runs.find((r) => r.error)?.error ?? null;
	const extra = {};
	for (const key of ['bytes', 'rows', 'records', 'blobs', 'blobBytes', 'matched', 'workers'])
		if (ok.length && typeof ok[0][key] === 'number') extra[key] = ok[0][key];
	// Where the time went inside our cases (backup: read/zip/verify; restore: read/take/upgrade/write).
	if (ok.length && ok[0].phasesMs && typeof ok[0].phasesMs === 'object')
		extra.phasesMs = Object.fromEntries(
			Object.keys(ok[0].phasesMs).map((k) => [k, round(median(ok.map((r) => r.phasesMs?.[k])))])
		);
	// A long task not measured (no run, or no longtask support) is null, never 0.
	const tasks = ok.map((r) => r.longestTaskMs);
	return {
		ms: round(median(ok.map((r) => r.ms))),
		runsMs: ok.map((r) => round(r.ms)),
		peakHeapMB: round(median(ok.map((r) => r.peakHeapMB))),
		floorHeapMB: round(median(ok.map((r) => r.floorHeapMB))),
		peakProcessMB: round(median(ok.map((r) => r.peakProcessMB))),
		peakRendererMB: round(median(ok.map((r) => r.peakRendererMB))),
		peakBrowserMB: round(median(ok.map((r) => r.peakBrowserMB))),
		startProcessMB: round(median(ok.map((r) => r.startProcessMB))),
		longestTaskMs:
			tasks.length && tasks.every((t) => typeof t === 'number') ? round(Math.max(...tasks)) : null,
		...extra,
		...(error ? { error } : {})
	};
}

export function summarise(results, meta) {
	const sizes = {};
	const missing = new Set();
	for (const [n, s] of Object.entries(results.sizes)) {
		const cases = {};
		for (const [name, runs] of Object.entries(s.cases)) {
			if (name === 'populate') continue;
			cases[name] = caseSummary(runs);
			if (cases[name].error) missing.add(`${name}: ${cases[name].error}`);
		}
		sizes[n] = { ...s, cases };
	}
	const ran = Object.keys(sizes)
		.map(Number)
		.filter((n) => !sizes[n].heapOnly)
		.sort((a, b) => a - b);
	const refN = ran.includes(100_000) ? 100_000 : ran[ran.length - 1];
	const c = sizes[refN].cases;
	const ms = (name) => c[name]?.ms ?? null;
	const [small, large] = meta.heapPair;
	const heapOf = (n) => sizes[n]?.cases.backup?.peakHeapMB ?? null;
	const memoryOf = (n) => sizes[n]?.cases.backup?.peakProcessMB ?? null;
	const carrierRatio = ratio(ms('importCarrier'), ms('parseCarrier'));
	const workbookRatio = ratio(ms('import3pl'), ms('parse3pl'));
	const match = caseSummary(results.match);
	// Team sync (bench/sync.mjs): the second device's first full sync, and bare PouchDB replication.
	const sync = caseSummary(results.sync?.syncFull ?? []);
	const rawReplication = caseSummary(results.sync?.rawReplication ?? []);
	for (const [name, s] of [
		['syncFull', sync],
		['rawReplication', rawReplication]
	])
		if (s.error) missing.add(`${name}: ${s.error}`);
	// The same ratios repetition by repetition (cases of one repetition run minutes apart, not tens of
	// minutes): less sensitive to a machine whose load drifts during the run.
	const raw = results.sizes[refN].cases;
	const perRep = (a, b) =>
		median((raw[a] ?? []).map((x, i) => (x.ms && raw[b]?.[i]?.ms ? x.ms / raw[b][i].ms : null)));
	const perRepetition = {
		exportDBOverBackup: round(perRep('exportDB', 'backup'), 2),
		importDBOverRestore: round(perRep('importDB', 'restore'), 2),
		importDBOverRestoreOverData: round(perRep('importDB', 'restoreOverData'), 2),
		backupOverRawRead: round(perRep('backup', 'rawReadChunks'), 2),
		restoreOverRawWrite: round(perRep('restore', 'rawWriteChunks'), 2),
		importOverParseCarrierCsv: round(perRep('importCarrier', 'parseCarrier'), 2),
		importOverParse3plWorkbook: round(perRep('import3pl', 'parse3pl'), 2)
	};

	const ratios = {
		exportDBOverBackup: ratio(ms('exportDB'), ms('backup')),
		importDBOverRestore: ratio(ms('importDB'), ms('restore')),
		backupOverRawRead: ratio(ms('backup'), ms('rawReadChunks')),
		restoreOverRawWrite: ratio(ms('restore'), ms('rawWriteChunks')),
		importOverParse: maxOf(carrierRatio, workbookRatio),
		importDBOverRestoreOverData: ratio(ms('importDB'), ms('restoreOverData')),
		memory500kOver100k: ratio(memoryOf(large), memoryOf(small)),
		heap500kOver100k: ratio(heapOf(large), heapOf(small)),
		syncOverRawReplication: ratio(sync.ms, rawReplication.ms)
	};
	const taskOf = (...names) => {
		const tasks = names.map((n) => c[n]?.longestTaskMs ?? null);
		return tasks.every((t) => t !== null) ? Math.max(...tasks) : null;
	};
	const longestTaskMs = {
		import: taskOf('importCarrier', 'import3pl'),
		backup: taskOf('backup', 'backupEncrypted'),
		restore: taskOf('restoreOverData', 'restore', 'restoreEncrypted'),
		export: taskOf('exportXlsx')
	};
	// Backup and restore at 500 000 rows with 200 MB of Blobs both succeed (null: that size was not run).
	const at500k = sizes[500_000]?.cases;
	const completes500k = at500k
		? ['backup', 'restoreOverData', 'restore'].every(
				(n) => at500k[n] && at500k[n].ms !== null && !at500k[n].error
			)
		: null;
	const initialJsGzipKB = meta.initial?.gzipKB ?? null;
	const met = (value, ok) => (value === null ? null : ok(value));
	const tasks = Object.values(longestTaskMs);
	const targets = {
		'backup ≥ 8× faster than exportDB': met(ratios.exportDBOverBackup, (v) => v >= 8),
		'restore into an empty DB ≥ 5× faster than importDB': met(ratios.importDBOverRestore, (v) => v >= 5),
		'restore over data (snapshot included) ≥ 3× faster than importDB': met(
			ratios.importDBOverRestoreOverData,
			(v) => v >= 3
		),
		'backup ≤ 1.5× raw chunked read': met(ratios.backupOverRawRead, (v) => v <= 1.5),
		'restore ≤ 1.6× raw chunked write': met(ratios.restoreOverRawWrite, (v) => v <= 1.6),
		'import parse+store ≤ 1.5× parse alone': met(ratios.importOverParse, (v) => v <= 1.5),
		'process memory at 5× the rows ≤ 1.5×': met(ratios.memory500kOver100k, (v) => v <= 1.5),
		'no main-thread task > 200 ms (import, backup, restore, export)': tasks.includes(null)
			? null
			: Math.max(...tasks) <= 200,
		'initial JS ≤ 150 KB gzipped': met(initialJsGzipKB, (v) => v <= 150),
		'backup and restore complete at 500 000 rows': completes500k,
		'first team sync ≤ 1.5× bare PouchDB replication': met(ratios.syncOverRawReplication, (v) => v <= 1.5)
	};
	return {
		generatedAt: new Date().toISOString(),
		mode: meta.opt.quick ? 'quick' : meta.opt.sizes.join(',') === '10000,100000,500000' ? 'full' : 'partial',
		complete: meta.complete,
		sizesRun: ran,
		repetitions: meta.opt.reps,
		ratiosAtN: refN,
		machine: meta.machine,
		chromium: meta.chromium,
		seconds: meta.seconds,
		ratios,
		ratiosDetail: {
			importOverParseCarrierCsv: carrierRatio,
			importOverParse3plWorkbook: workbookRatio,
			heapPair: { smallN: small, largeN: large, smallPeakMB: heapOf(small), largePeakMB: heapOf(large) },
			memoryPair: {
				smallN: small,
				largeN: large,
				smallPeakProcessMB: memoryOf(small),
				largePeakProcessMB: memoryOf(large),
				what: 'backup case: peak PSS of the renderer processes (page + workers) + browser process + storage service, /proc/<pid>/smaps_rollup'
			},
			longTaskSupported: !Object.values(c).some((x) => x.ms !== null && x.longestTaskMs === null),
			chunksOverRowsWrite: ratio(ms('rawWriteRows'), ms('rawWriteChunks')),
			chunksOverRowsRead: ratio(ms('rawReadRows'), ms('rawReadChunks')),
			packedOverObjectChunksWrite: ratio(ms('rawWriteObjectChunks'), ms('rawWriteChunks')),
			packedOverObjectChunksRead: ratio(ms('rawReadObjectChunks'), ms('rawReadChunks')),
			medianOfPerRepetitionRatios: perRepetition,
			/** What checking the stored Blobs during the transaction saves over checking them first. */
			restoreVerifyFirstOverRestore: ratio(ms('restoreVerifyFirst'), ms('restore')),
			floors: floorsOf(ms)
		},
		longestTaskMs,
		completes500k,
		initialJsGzipKB,
		initialJs: meta.initial,
		matchMs: match.ms,
		syncFullMs: sync.ms,
		sync: { ...results.sync?.sizes, syncFull: sync, rawReplication },
		match: { ...meta.match, ...match },
		targets,
		parsers: results.parsers,
		missing: [...missing],
		sizes
	};
}

/**
 * What a verified backup and restore cannot go below (PRODUCT.md: the ZIP re-read and every checksum
 * checked; a restore verified before it writes): the raw read + a bare verification of the ZIP, and a bare
 * verification + the raw write. Every other step (hashing while writing, CRC, zip, decode) is assumed free.
 */
function floorsOf(ms) {
	const verify = ms('rawVerifyZip');
	const sum = (a, b) => (a === null || b === null ? null : a + b);
	return {
		rawVerifyZipMs: verify,
		backupFloorOverRawRead: ratio(sum(ms('rawReadChunks'), verify), ms('rawReadChunks')),
		restoreFloorOverRawWrite: ratio(sum(verify, ms('rawWriteChunks')), ms('rawWriteChunks')),
		importDBOverRestoreCeiling: ratio(ms('importDB'), sum(verify, ms('rawWriteChunks')))
	};
}

function cell(x, width) {
	const s = x === null || x === undefined ? '—' : String(x);
	return s.padStart(width);
}

export function printReport(r) {
	const ns = Object.keys(r.sizes)
		.map(Number)
		.filter((n) => !r.sizes[n].heapOnly)
		.sort((a, b) => a - b);
	const w = 20;
	const lines = [];
	lines.push(
		`Pilot bench — ${r.mode}, median of ${r.repetitions}, ${r.chromium}, ${r.machine.cpu} × ${r.machine.cores}`
	);
	lines.push(''.padEnd(52) + ns.map((n) => cell(`N=${n} ms (heap MB)`, w + 4)).join(''));
	for (const [key, label] of CASES) {
		const cells = ns.map((n) => {
			const c = r.sizes[n].cases[key];
			if (!c) return cell('', w + 4);
			if (c.ms === null) return cell(c.error?.startsWith('missing') ? 'missing' : 'error', w + 4);
			return cell(`${c.ms} (${c.peakHeapMB})`, w + 4);
		});
		lines.push(label.padEnd(52) + cells.join(''));
	}
	lines.push('');
	lines.push(`ratios at N=${r.ratiosAtN}:`);
	for (const [k, v] of Object.entries(r.ratios)) lines.push(`  ${k.padEnd(28)} ${cell(v, 8)}`);
	lines.push(
		`  (importOverParse: carrier CSV ${r.ratiosDetail.importOverParseCarrierCsv}, 3PL workbook ${r.ratiosDetail.importOverParse3plWorkbook};`
	);
	lines.push(
		`   heap ratio compares the backup peak at N=${r.ratiosDetail.heapPair.largeN} with N=${r.ratiosDetail.heapPair.smallN})`
	);
	const f = r.ratiosDetail.floors;
	lines.push(
		`floors (raw read/write + bare verification): backup ≥ ${f.backupFloorOverRawRead}× raw read, restore ≥ ${f.restoreFloorOverRawWrite}× raw write, importDB ÷ restore ≤ ${f.importDBOverRestoreCeiling}`
	);
	lines.push(
		`longestTaskMs: import ${r.longestTaskMs.import}, backup ${r.longestTaskMs.backup}, restore ${r.longestTaskMs.restore}, export ${r.longestTaskMs.export}${r.ratiosDetail.longTaskSupported ? '' : ' (null: this browser has no longtask entries)'}`
	);
	lines.push(`completes500k: ${r.completes500k}`);
	lines.push(
		`initialJsGzipKB: ${r.initialJsGzipKB}    matchMs: ${r.matchMs} (${r.match.invoiceLines} lines × ${r.match.threePLRows} 3PL rows)`
	);
	lines.push(
		`syncFullMs: ${r.syncFullMs} (${r.sync.claims} claims + ${r.sync.files} files to a second device; bare replication ${r.sync.rawReplication.ms} ms)`
	);
	lines.push('targets:');
	for (const [k, v] of Object.entries(r.targets))
		lines.push(`  ${v === null ? 'n/a ' : v ? 'met ' : 'MISS'}  ${k}`);
	if (r.missing.length) {
		lines.push('not measured:');
		for (const m of r.missing) lines.push(`  ${m}`);
	}
	console.log(lines.join('\n'));
}

/** Markdown of a results.json, for docs/performance.md: `node bench/report.mjs [bench/results.json]`. */
export function markdown(r) {
	const ns = Object.keys(r.sizes)
		.map(Number)
		.filter((n) => !r.sizes[n].heapOnly)
		.sort((a, b) => a - b);
	const out = [];
	out.push(
		`| Case | ${ns.map((n) => `N = ${n.toLocaleString('en').replace(/,/g, ' ')}: ms (peak heap MB)`).join(' | ')} |`
	);
	out.push(`| --- | ${ns.map(() => '---:').join(' | ')} |`);
	for (const [key, label] of CASES) {
		const cells = ns.map((n) => {
			const c = r.sizes[n].cases[key];
			if (!c) return '';
			if (c.ms === null) return c.error?.startsWith('missing') ? 'missing' : `error: ${c.error}`;
			return `${c.ms} (${c.peakHeapMB})`;
		});
		out.push(`| ${label} | ${cells.join(' | ')} |`);
	}
	out.push('');
	out.push('| Figure | Value | Target | Met |');
	out.push('| --- | ---: | --- | --- |');
	const t = r.targets;
	const task = (k) => [
		`longestTaskMs.${k}`,
		r.longestTaskMs[k],
		'≤ 200',
		r.longestTaskMs[k] === null ? null : r.longestTaskMs[k] <= 200
	];
	const rows = [
		['ratios.exportDBOverBackup', r.ratios.exportDBOverBackup, '≥ 8', t['backup ≥ 8× faster than exportDB']],
		[
			'ratios.importDBOverRestore (into an empty DB)',
			r.ratios.importDBOverRestore,
			'≥ 5',
			t['restore into an empty DB ≥ 5× faster than importDB']
		],
		[
			'ratios.importDBOverRestoreOverData (snapshot included)',
			r.ratios.importDBOverRestoreOverData,
			'≥ 3',
			t['restore over data (snapshot included) ≥ 3× faster than importDB']
		],
		['ratios.backupOverRawRead', r.ratios.backupOverRawRead, '≤ 1.5', t['backup ≤ 1.5× raw chunked read']],
		[
			'ratios.restoreOverRawWrite',
			r.ratios.restoreOverRawWrite,
			'≤ 1.6',
			t['restore ≤ 1.6× raw chunked write']
		],
		[
			`ratios.importOverParse (DHL CSV ${r.ratiosDetail.importOverParseCarrierCsv}, 3PL XLSX ${r.ratiosDetail.importOverParse3plWorkbook})`,
			r.ratios.importOverParse,
			'≤ 1.5',
			t['import parse+store ≤ 1.5× parse alone']
		],
		[
			`ratios.memory500kOver100k (${r.ratiosDetail.memoryPair?.largeN} ÷ ${r.ratiosDetail.memoryPair?.smallN} rows)`,
			r.ratios.memory500kOver100k,
			'≤ 1.5',
			t['process memory at 5× the rows ≤ 1.5×']
		],
		[
			`ratios.heap500kOver100k (JS heap only, ${r.ratiosDetail.heapPair.largeN} ÷ ${r.ratiosDetail.heapPair.smallN} rows)`,
			r.ratios.heap500kOver100k,
			'(a figure)',
			null
		],
		task('import'),
		task('backup'),
		task('restore'),
		task('export'),
		['initialJsGzipKB', r.initialJsGzipKB, '≤ 150', t['initial JS ≤ 150 KB gzipped']],
		['completes500k', r.completes500k, 'true', r.completes500k],
		['matchMs', r.matchMs, '(a figure)', null],
		['syncFullMs', r.syncFullMs, '(a figure)', null],
		[
			'ratios.syncOverRawReplication',
			r.ratios.syncOverRawReplication,
			'≤ 1.5',
			t['first team sync ≤ 1.5× bare PouchDB replication']
		]
	];
	for (const [k, v, target, ok] of rows)
		out.push(`| ${k} | ${v ?? '—'} | ${target} | ${ok === null ? '—' : ok ? 'yes' : '**no**'} |`);
	const f = r.ratiosDetail.floors;
	if (f)
		out.push(
			'',
			`Floors (\`ratiosDetail.floors\`, raw read/write + a bare re-read and SHA-256 of the ZIP, ${f.rawVerifyZipMs} ms): backup ≥ ${f.backupFloorOverRawRead}× the raw read, restore ≥ ${f.restoreFloorOverRawWrite}× the raw write, importDB ÷ restore ≤ ${f.importDBOverRestoreCeiling}.`
		);
	return out.join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) {
	const { readFileSync } = await import('node:fs');
	console.log(markdown(JSON.parse(readFileSync(process.argv[2] ?? 'bench/results.json', 'utf8'))));
}
