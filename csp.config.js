// The app's Content-Security-Policy, in one place: svelte.config.js puts it in each page's <meta> (with the
// hashes of the inline scripts SvelteKit writes), scripts/security-headers.mjs sends it as a header. A
// <meta> policy ignores `frame-ancestors`: only the header stops another site from framing Pilot.
/** @type {Record<string, string[]>} */
export const cspDirectives = {
	'default-src': ['self'],
	'script-src': ['self', 'wasm-unsafe-eval'],
	'style-src': ['self', 'unsafe-inline'],
	'img-src': ['self', 'blob:', 'data:'],
	'font-src': ['self'],
	'connect-src': ['self'],
	'worker-src': ['self', 'blob:'],
	'manifest-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self'],
	'frame-ancestors': ['none']
};
