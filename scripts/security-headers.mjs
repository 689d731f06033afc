// The HTTP headers a host must send with Pilot (docs/hosting.md): the CSP of csp.config.js, with
// `frame-ancestors 'none'` that only a header enforces, plus X-Frame-Options for older browsers. A header CSP
// and the pages' <meta> CSP are both enforced, so the header allows the same inline-script hashes as the meta.
// Run after the build (`npm run build` does): writes `_headers` (Netlify, Cloudflare Pages) into the build and
// prints the nginx lines.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cspDirectives } from '../csp.config.js';

const KEYWORDS = new Set([
	'self',
	'none',
	'unsafe-inline',
	'unsafe-eval',
	'wasm-unsafe-eval',
	'strict-dynamic'
]);
const quote = (/** @type {string} */ v) =>
	KEYWORDS.has(v) || /^(sha256|sha384|sha512|nonce)-/.test(v) ? `'${v}'` : v;

/** The sha256 sources of a page's inline scripts, as SvelteKit's hash mode lists them in its <meta>. */
export function inlineScriptHashes(/** @type {string} */ html) {
	return [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
		([, body]) => `sha256-${createHash('sha256').update(body).digest('base64')}`
	);
}

/** @param {string[]} [scriptHashes] inline scripts the page(s) served under this policy carry */
export function contentSecurityPolicy(scriptHashes = []) {
	return Object.entries(cspDirectives)
		.map(([name, values]) => {
			const sources = name === 'script-src' ? [...values, ...new Set(scriptHashes)] : values;
			return [name, ...sources.map(quote)].join(' ');
		})
		.join('; ');
}

/** @param {string[]} [scriptHashes] @returns {Record<string, string>} */
export function securityHeaders(scriptHashes = []) {
	return {
		'content-security-policy': contentSecurityPolicy(scriptHashes),
		'x-frame-options': 'DENY',
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'no-referrer'
	};
}

/** One policy for every path of a build: the inline-script hashes of all its pages. */
export async function buildHeaders(/** @type {string} */ root) {
	const pages = (await readdir(root)).filter((f) => f.endsWith('.html'));
	const hashes = [];
	for (const page of pages) hashes.push(...inlineScriptHashes(await readFile(join(root, page), 'utf8')));
	return securityHeaders(hashes.sort());
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const out = process.env.PILOT_OUT;
	const root = out ? join(out, 'build') : 'build';
	const headers = await buildHeaders(root);
	const lines = Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`);
	await writeFile(join(root, '_headers'), `/*\n${lines.join('\n')}\n`);
	console.log(`${root}/_headers écrit. Pour nginx :`);
	for (const [name, value] of Object.entries(headers)) console.log(`add_header ${name} "${value}" always;`);
}
