// The app's Content-Security-Policy, in one place: svelte.config.js puts it in each page's <meta> (with the
// hashes of the inline scripts SvelteKit writes), scripts/security-headers.mjs sends it as a header. A
// <meta> policy ignores `frame-ancestors`: only the header stops another site from framing Pilot.
/**
 * Team sync (docs/sync.md): the CouchDB server may run on this machine (any port), behind the app's
 * own origin ('self'), or at the origins listed at build time in PILOT_SYNC_ORIGINS (space or comma
 * separated, e.g. "https://couchdb.example.fr").
 */
const syncOrigins = (process.env.PILOT_SYNC_ORIGINS ?? '')
	.split(/[\s,]+/)
	.filter(Boolean)
	.map((origin) => new URL(origin).origin);

/** @type {Record<string, string[]>} */
export const cspDirectives = {
	'default-src': ['self'],
	'script-src': ['self', 'wasm-unsafe-eval'],
	'style-src': ['self', 'unsafe-inline'],
	'img-src': ['self', 'blob:', 'data:'],
	'font-src': ['self'],
	'connect-src': [
		'self',
		'http://localhost:*',
		'http://127.0.0.1:*',
		'https://localhost:*',
		'https://127.0.0.1:*',
		...syncOrigins
	],
	'worker-src': ['self', 'blob:'],
	'manifest-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self'],
	'frame-ancestors': ['none']
};
