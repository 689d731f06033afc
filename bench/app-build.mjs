/**
 * The real app build, for initialJsGzipKB: built into the bench's own PILOT_OUT, or reused when a
 * build there (or the default build/) is newer than every source file.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const SOURCES = [
	'src',
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'package.json',
	'package-lock.json'
];

export function newest(path) {
	if (!existsSync(path)) return 0;
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	let max = st.mtimeMs;
	for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
	return max;
}

function shell(dir) {
	for (const name of ['index.html', '200.html']) if (existsSync(join(dir, name))) return join(dir, name);
	return null;
}

/** Returns the build folder, building it if no fresh one exists. */
export function ensureAppBuild(root, out) {
	const sourcesAt = Math.max(...SOURCES.map((s) => newest(join(root, s))));
	for (const dir of [join(root, out, 'build'), join(root, 'build')]) {
		const html = shell(dir);
		if (html && statSync(html).mtimeMs > sourcesAt) return { dir, built: false };
	}
	execSync('npm run build', {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, PILOT_OUT: out }
	});
	return { dir: join(root, out, 'build'), built: true };
}

/** The bench page, rebuilt only when it or the app's sources changed since the last build. */
export function ensureBenchPage(root, out) {
	const built = join(root, out, 'page', 'index.html');
	const sourcesAt = Math.max(
		...[...SOURCES, 'bench/page', 'bench/vite.config.ts'].map((s) => newest(join(root, s)))
	);
	if (existsSync(built) && statSync(built).mtimeMs > sourcesAt) return false;
	execSync('npx vite build --config bench/vite.config.ts', {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, PILOT_OUT: out }
	});
	return true;
}

/**
 * Gzipped size of the JS the home page loads before any interaction: the prerendered home
 * (index.html, else the 200.html shell), its modulepreload links and the entry imports of its
 * inline start script, each file counted once.
 */
export function initialJsGzip(dir) {
	const html = shell(dir);
	if (!html) return null;
	const text = readFileSync(html, 'utf8');
	const urls = new Set();
	for (const m of text.matchAll(/<link[^>]+rel="modulepreload"[^>]*>/g)) {
		const href = /href="([^"]+)"/.exec(m[0]);
		if (href) urls.add(href[1]);
	}
	for (const m of text.matchAll(/import\(\s*["']([^"']+\.js)["']\s*\)/g)) urls.add(m[1]);
	const files = [];
	let bytes = 0;
	let gzip = 0;
	for (const url of urls) {
		const file = resolve(dir, url.replace(/^\//, './'));
		if (!existsSync(file)) continue;
		const body = readFileSync(file);
		bytes += body.length;
		const gz = gzipSync(body, { level: 9 }).length;
		gzip += gz;
		files.push({ file: url, bytes: body.length, gzipBytes: gz });
	}
	return { page: html.slice(dir.length + 1), files, bytes, gzipKB: Math.round((gzip / 1024) * 10) / 10 };
}
