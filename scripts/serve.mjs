// Serves the static build (`$PILOT_OUT/build`) as a plain web host would: `/x` → `x.html`, any other
// path → `200.html` (the SPA shell), hashed assets cached for a year, everything else revalidated, with the
// security headers of docs/hosting.md.
// `vite preview` is not used: it serves SvelteKit's intermediate output, without `200.html`, which
// the service worker precaches, so its installation failed there.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inlineScriptHashes, securityHeaders } from './security-headers.mjs';

/** @type {Record<string, string>} */
const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.webp': 'image/webp',
	'.ico': 'image/x-icon',
	'.wasm': 'application/wasm',
	'.woff2': 'font/woff2'
};

/**
 * @param {string} root folder of the build
 * @param {number} [port] 0 picks a free port
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveStatic(root, port = 0) {
	const base = resolve(root);
	const server = createServer(async (req, res) => {
		let path;
		try {
			path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname));
		} catch {
			res.writeHead(400).end();
			return;
		}
		const candidates = path === '/' ? ['index.html'] : [path, `${path}.html`];
		for (const candidate of [...candidates, '200.html']) {
			const file = join(base, candidate);
			if (!file.startsWith(base)) break;
			const info = await stat(file).catch(() => null);
			if (!info?.isFile()) continue;
			const body = await readFile(file);
			// Each page's policy allows its own inline scripts (the hashes of its <meta> CSP); scripts and
			// workers get the policy without them.
			const hashes = extname(file) === '.html' ? inlineScriptHashes(body.toString('utf8')) : [];
			res.writeHead(200, {
				...securityHeaders(hashes),
				'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
				'cache-control': path.startsWith('/_app/immutable/')
					? 'public, max-age=31536000, immutable'
					: 'no-cache'
			});
			res.end(req.method === 'HEAD' ? undefined : body);
			return;
		}
		res.writeHead(404).end();
	});
	await new Promise((done, fail) => {
		server.once('error', fail);
		server.listen(port, 'localhost', () => done(undefined));
	});
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('Adresse du serveur inconnue');
	return {
		url: `http://localhost:${address.port}`,
		close: () => new Promise((done) => server.close(() => done(undefined)))
	};
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const out = process.env.PILOT_OUT;
	const root = out ? join(out, 'build') : 'build';
	const port = Number(process.env.PILOT_PORT ?? 4173);
	const { url } = await serveStatic(root, port);
	console.log(`pilot : ${url} (dossier ${root})`);
}
