import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

/** The static build the preview serves: `$PILOT_OUT/build`, as `npm run build` wrote it. */
export const buildDir = resolve(process.env.PILOT_OUT ? join(process.env.PILOT_OUT, 'build') : 'build');

/** Every file of the build, as URL paths (`/_app/…`, `/dpd` for the prerendered `dpd.html`). */
export async function buildUrls(): Promise<string[]> {
	const entries = await readdir(buildDir, { recursive: true, withFileTypes: true });
	return entries
		.filter((e) => e.isFile())
		.map((e) => '/' + relative(buildDir, join(e.parentPath, e.name)).split('\\').join('/'))
		.filter((url) => url !== '/sw.js' && url !== '/_headers') // `_headers` is the host's, not the app's
		.map((url) => (url === '/index.html' ? '/' : url === '/200.html' ? url : url.replace(/\.html$/, '')));
}
