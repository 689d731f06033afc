/**
 * npm run bench [-- --quick] [-- --n 100000[,500000]] [-- --reps 3] [-- --only sync]
 *
 * Builds the bench page (bench/page, the app's own $lib modules) and reuses or builds the app,
 * serves them on 127.0.0.1:4187, drives headless Chromium, and measures side by side in one run:
 * raw IndexedDB (one record per row, chunk records), dexie-export-import (exportDB/importDB) and
 * Pilot (backup, restore, import, matching). Prints medians and writes bench/results.json.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { ensureAppBuild, ensureBenchPage, initialJsGzip } from './app-build.mjs';
import { HeapSampler } from './heap-sampler.mjs';
import { ProcessMemory } from './process-memory.mjs';
import { ensureSourceFiles } from './source-files.mjs';
import { printReport, summarise } from './report.mjs';
import { SYNC, SYNC_QUICK, syncBench } from './sync.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = process.env.PILOT_OUT ?? '.pilot-out/bench';
const PORT = Number(process.env.PILOT_PORT ?? 4187);
/** The flags of playwright.config.ts (chromiumArgs): no sandbox, no GPU, no network chatter. */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
/** matchMs: one invoice of this many lines against 60 000 3PL rows. */
const MATCH = { threePLRows: 60_000, invoiceLines: 10_000 };

function options(argv) {
	const opt = { quick: false, sizes: [10_000, 100_000, 500_000], reps: undefined, only: null };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--quick') opt.quick = true;
		else if (argv[i] === '--n') opt.sizes = argv[++i].split(',').map((s) => Number(s.replace(/_/g, '')));
		else if (argv[i] === '--reps') opt.reps = Number(argv[++i]);
		// Only the team-sync cases, printed, results.json untouched (to profile the sync alone).
		else if (argv[i] === '--only') opt.only = argv[++i];
	}
	// --quick (inside npm test) checks that every case runs and every key is written, in about a minute:
	// N = 10 000, one repetition, a fifth of the sync data. Its figures are indicative, not of record.
	if (opt.quick) opt.sizes = [10_000];
	opt.reps ??= opt.quick ? 1 : 3;
	opt.sizes.sort((a, b) => a - b);
	return opt;
}

function log(...args) {
	process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${args.join(' ')}\n`);
}

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.csv': 'text/csv',
	'.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'.wasm': 'application/wasm'
};

/** A static server for the bench page (/) and the generated source files (/data/), loopback only. */
function serve(pageDir, dataDir) {
	const server = createServer((req, res) => {
		const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
		const [base, rel] = path.startsWith('/data/')
			? [dataDir, path.slice(6)]
			: [pageDir, path.slice(1) || 'index.html'];
		const file = normalize(join(base, rel));
		if (!file.startsWith(base) || !existsSync(file) || statSync(file).isDirectory()) {
			res.writeHead(404).end();
			return;
		}
		res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
		createReadStream(file).pipe(res);
	});
	return new Promise((resolve) => server.listen(PORT, '127.0.0.1', () => resolve(server)));
}

const executablePath =
	process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

function launch() {
	return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** A fresh page on the bench, with its heap sampler attached before any worker starts. */
async function openPage(browser, memory) {
	const context = await browser.newContext();
	return preparePage(context, await context.newPage(), memory, () => context.close());
}

/**
 * A page in a browser of its own with a fresh on-disk profile, as an installed app's storage is: a
 * non-persistent context keeps IndexedDB in memory, under a quota that follows the free memory and
 * without giving back the space of deleted records, so four 500 000-row restores in a row could exceed it.
 */
async function openProfilePage() {
	const dir = mkdtempSync(join(os.tmpdir(), 'pilot-bench-profile-'));
	const context = await chromium.launchPersistentContext(dir, { executablePath, args: CHROMIUM_ARGS });
	const memory = new ProcessMemory(await context.browser().newBrowserCDPSession());
	const close = async () => {
		await context.close();
		rmSync(dir, { recursive: true, force: true });
	};
	return preparePage(context, context.pages()[0] ?? (await context.newPage()), memory, close);
}

async function preparePage(context, page, memory, close) {
	page.on('pageerror', (err) => log('page error:', err.message));
	const session = await context.newCDPSession(page);
	const heap = new HeapSampler(session);
	await heap.start();
	await page.goto(`http://127.0.0.1:${PORT}/`);
	await page.waitForFunction(() => document.body.dataset.ready === 'true');
	return { context, page, heap, memory, close: () => close().catch(() => {}) };
}

/** A case that has not finished after this long is recorded as an error and its page discarded. */
const CASE_TIMEOUT_MS = Number(process.env.BENCH_CASE_TIMEOUT_MS ?? 20 * 60_000);

/** Run one case in the page; figures + peak heap (page and workers), or the error it raised. */
async function runCase(p, name, fn, ...args) {
	if (p.broken) return { error: `skipped: ${p.broken}` };
	let timer;
	const timeout = new Promise((_, reject) => {
		timer = setTimeout(() => reject(new Error(`timeout after ${CASE_TIMEOUT_MS / 1000} s`)), CASE_TIMEOUT_MS);
	});
	try {
		const {
			value: { value, peakBytes, floorBytes, workers },
			memory
		} = await Promise.race([
			p.memory.during(() =>
				p.heap.during(() =>
					p.page.evaluate(
						([n, a]) =>
							// Dexie's errors are not Error objects: Playwright would name them by their minified class
							// (« r »); their name, message and inner error say what happened.
							Promise.resolve(window.bench[n](...a)).catch((e) => {
								const inner = e?.inner?.name ? ` (${e.inner.name})` : '';
								throw new Error(`${e?.name ?? 'Error'}: ${String(e?.message ?? e).trim()}${inner}`);
							}),
						[fn, args]
					)
				)
			),
			timeout
		]);
		const task =
			value.longestTaskMs === null
				? ', longest task not measured (no longtask support)'
				: typeof value.longestTaskMs === 'number'
					? `, longest task ${Math.round(value.longestTaskMs)} ms`
					: '';
		log(
			`${name}: ${Math.round(value.ms)} ms, peak heap ${mb(peakBytes)} MB, process ${memory?.peakProcessMB ?? '—'} MB${task}`
		);
		return { ...value, peakHeapMB: mb(peakBytes), floorHeapMB: mb(floorBytes), workers, ...(memory ?? {}) };
	} catch (err) {
		const message = String(err.message ?? err)
			.split('\n')[0]
			.replace(/^page\.evaluate: (Error: )?/, '');
		log(`${name}: ${message}`);
		if (/timeout|crash|closed/i.test(message)) p.broken = `${name} ${message}`;
		return { error: message };
	} finally {
		clearTimeout(timer);
	}
}

const mb = (bytes) => Math.round((bytes / 1048576) * 10) / 10;

/** The database cases of one repetition at N rows (fresh database for each engine). */
async function databaseRep(p, n, record) {
	const populated = await p.page
		.evaluate((k) => window.bench.populate(k), n)
		.catch((err) => {
			p.broken = `populate: ${String(err.message).split('\n')[0]}`;
			log(p.broken);
			return null;
		});
	record('populate', populated ?? { error: p.broken });
	for (const c of [
		'rawWriteRows',
		'rawReadRows',
		'rawWriteObjectChunks',
		'rawReadObjectChunks',
		'rawWriteChunks'
	])
		record(c, await runCase(p, c, c));
	await p.page.evaluate(() => window.bench.release()).catch(() => {});
	// restoreOverData runs on the populated database (safety snapshot of it, then the write); the
	// restores after it start from a fresh one.
	for (const c of [
		'rawReadChunks',
		'backup',
		'rawVerifyZip',
		'backupEncrypted',
		'exportDB',
		'restoreOverData',
		'restore',
		'restoreVerifyFirst',
		'restoreEncrypted',
		'importDB'
	])
		record(c, await runCase(p, c, c));
	await p.page.evaluate(() => window.bench.clear()).catch(() => {});
	return populated;
}

async function importRep(p, n, files, parsers, record) {
	const cases = [
		['Carrier', files.carrier, parsers.includes('dhl') ? 'dhl' : undefined, 'dhl', 'facture'],
		['3pl', files.workbook, parsers.includes('3pl') ? '3pl' : undefined, 'logisticiens', '3pl']
	];
	for (const [label, name, parser, store, slot] of cases) {
		if (!parser) {
			const error = `missing: no '${label === '3pl' ? '3pl' : 'dhl'}' parser in PARSERS (${parsers.join(', ') || 'empty'})`;
			record(`parse${label}`, { error });
			record(`import${label}`, { error });
			continue;
		}
		record(`parse${label}`, await runCase(p, `parse${label}`, 'parse', name, parser));
		record(`import${label}`, await runCase(p, `import${label}`, 'import', name, store, slot, parser));
	}
	// A workbook of N invoice lines written as the carrier pages' « Exporter » does (writeXlsx).
	record('exportXlsx', await runCase(p, 'exportXlsx', 'exportXlsx', n));
	await p.page.evaluate(() => window.bench.clear()).catch(() => {});
}

async function main() {
	const opt = options(process.argv.slice(2));
	const started = Date.now();
	const syncSizes = opt.quick ? SYNC_QUICK : SYNC;
	log(
		`mode ${opt.quick ? 'quick' : 'full'}: N = ${opt.sizes.join(', ')}, ${opt.reps} repetition(s), sync ${syncSizes.claims} claims + ${syncSizes.files} files` +
			(opt.quick
				? ` (quick: smaller than the full run's N = 10 000, 100 000, 500 000, 3 repetitions, sync ${SYNC.claims} + ${SYNC.files})`
				: '')
	);

	log(`bench page ${ensureBenchPage(ROOT, OUT) ? 'built' : 'reused'}`);
	log('app build: reuse or build');
	const app = ensureAppBuild(ROOT, OUT);
	const initial = initialJsGzip(app.dir);
	log(`app ${app.built ? 'built' : 'reused'} in ${app.dir}: initial JS ${initial?.gzipKB} KB gzipped`);

	// Heap ratio: the largest size against a fifth of it (500k/100k in the full run; 10k/2k in --quick).
	const largest = opt.sizes[opt.sizes.length - 1];
	const heapCompanion = Math.round(largest / 5);

	const dataDir = join(ROOT, OUT, 'data');
	const server = await serve(join(ROOT, OUT, 'page'), dataDir);
	const browser = await launch();
	const memory = new ProcessMemory(await browser.newBrowserCDPSession());
	const results = { sizes: {} };
	try {
		if (opt.only === 'sync') {
			const sync = await syncBench({
				sizes: syncSizes,
				openPage: () => openPage(browser, memory),
				runCase,
				reps: opt.reps,
				port: Number(process.env.PILOT_SYNC_PORT ?? PORT + 1000),
				log
			});
			const median = (xs) => xs.map((x) => x.ms).sort((a, b) => a - b)[Math.floor(xs.length / 2)];
			const [ours, bare] = [median(sync.syncFull), median(sync.rawReplication)];
			log(`syncFull ${Math.round(ours)} ms, bare ${Math.round(bare)} ms, ratio ${(ours / bare).toFixed(2)}`);
			return;
		}
		const probe = await openPage(browser, memory);
		const parsers = await probe.page.evaluate(() => window.bench.parsers());
		log('parsers:', parsers.join(', '));
		const match = [];
		for (let rep = 0; rep < opt.reps; rep++)
			match.push(await runCase(probe, 'match', 'match', MATCH.threePLRows, MATCH.invoiceLines));
		await probe.context.close();
		results.parsers = parsers;
		results.match = match;
		results.sync = {
			sizes: syncSizes,
			...(await syncBench({
				sizes: syncSizes,
				openPage: () => openPage(browser, memory),
				runCase,
				reps: opt.reps,
				port: Number(process.env.PILOT_SYNC_PORT ?? PORT + 1000),
				log
			}))
		};

		/** results.json after every size, so a long run that dies keeps what it measured. */
		const save = (complete) => {
			const report = summarise(results, {
				opt,
				complete,
				heapPair: [heapCompanion, largest],
				match: MATCH,
				initial,
				machine: {
					os: `${os.type()} ${os.release()} ${os.arch()}`,
					cpu: os.cpus()[0]?.model ?? 'unknown',
					cores: os.cpus().length,
					memoryGB: Math.round((os.totalmem() / 1073741824) * 10) / 10,
					node: process.version
				},
				chromium: `${browser.browserType().name()} ${browser.version()}`,
				seconds: Math.round((Date.now() - started) / 1000)
			});
			writeFileSync(join(ROOT, 'bench', 'results.json'), JSON.stringify(report, null, '\t') + '\n');
			writeFileSync(join(ROOT, OUT, `raw-${report.mode}.json`), JSON.stringify(results) + '\n');
			return report;
		};

		for (const n of opt.sizes) {
			log(`N = ${n}: source files`);
			const files = ensureSourceFiles(dataDir, n);
			const perCase = {};
			const record = (name, figures) => (perCase[name] ??= []).push(figures);
			let populated;
			for (let rep = 0; rep < opt.reps; rep++) {
				log(`N = ${n}: repetition ${rep + 1}/${opt.reps}`);
				const db = await openProfilePage();
				populated = (await databaseRep(db, n, record)) ?? populated;
				const used = await db.page.evaluate(async () => navigator.storage.estimate()).catch(() => null);
				if (used) log(`storage after the database cases: ${mb(used.usage)} MB used of ${mb(used.quota)} MB`);
				await db.close();
				// The imports get a profile of their own, as a user's storage holding only what they import.
				const p = await openProfilePage();
				for (const [name, file] of [
					['carrier', files.carrier],
					['workbook', files.workbook]
				])
					await p.page
						.evaluate(([url, f]) => window.bench.load(url, f), [`/data/${file}`, file])
						.catch((e) => log(name, e.message));
				await importRep(p, n, files, parsers, record);
				await p.close();
			}
			results.sizes[n] = {
				rows: n,
				blobBytes: populated?.blobBytes,
				records: populated?.records,
				files,
				cases: perCase
			};
			if (n !== largest) save(false);
		}

		if (!opt.sizes.includes(heapCompanion)) {
			log(`N = ${heapCompanion}: backup heap only (companion of ${largest} for the heap ratio)`);
			const perCase = {};
			for (let rep = 0; rep < opt.reps; rep++) {
				const p = await openProfilePage();
				const populated = await p.page.evaluate((k) => window.bench.populate(k), heapCompanion);
				await p.page.evaluate(() => window.bench.release());
				(perCase.backup ??= []).push(await runCase(p, 'backup', 'backup'));
				await p.page.evaluate(() => window.bench.clear());
				await p.close();
				results.sizes[heapCompanion] = {
					rows: heapCompanion,
					blobBytes: populated.blobBytes,
					records: populated.records,
					heapOnly: true,
					cases: perCase
				};
			}
		}

		const report = save(true);
		printReport(report);
		log(`done in ${report.seconds} s; bench/results.json written`);
		// Targets are reported, never asserted; but a case of ours (or a limit) that fails — an API that
		// moved, records lost — means the bench has rotted or the code is wrong: CI must see it.
		const broken = report.missing.filter((m) => !/^(exportDB|importDB):/.test(m));
		if (broken.length) {
			log(`FAILED cases (the peer's failures are only reported): ${broken.join('; ')}`);
			process.exitCode = 1;
		}
	} finally {
		await browser.close();
		server.close();
	}
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
