/**
 * The team server, through CouchDB's cookie session (`/_session`): the password goes into one POST
 * and is forgotten; the browser keeps the HttpOnly AuthSession cookie. Every request sends it.
 */
import { PilotError } from '$lib/i18n/errors';

/** What this device remembers of its team (never a password). */
export interface SyncConfig {
	server: string;
	db: string;
	user: string;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The server's base URL without a trailing slash; HTTPS unless it runs on this machine. */
export function normaliseServer(raw: string): string {
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		throw new PilotError('sync-bad-address', { url: raw.trim() });
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:')
		throw new PilotError('sync-bad-address', { url: raw });
	if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname))
		throw new PilotError('sync-insecure', { url: url.origin });
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** CouchDB database names: lowercase letter first, then a-z 0-9 _$()+-/ (CouchDB's own rule). */
export function validDbName(name: string): boolean {
	return /^[a-z][a-z0-9_$()+/-]*$/.test(name);
}

export const credentialed: typeof fetch = (input, init) => fetch(input, { ...init, credentials: 'include' });

async function request(config: SyncConfig, path: string, init: RequestInit = {}): Promise<Response> {
	try {
		return await credentialed(`${config.server}${path}`, {
			...init,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...init.headers }
		});
	} catch {
		throw new PilotError('sync-unreachable', { server: config.server });
	}
}

/** Opens a session and checks the team database is readable; the password is not kept anywhere. */
export async function login(config: SyncConfig, password: string): Promise<void> {
	const session = await request(config, '/_session', {
		method: 'POST',
		body: JSON.stringify({ name: config.user, password })
	});
	if (session.status === 401) throw new PilotError('sync-auth', { server: config.server });
	if (!session.ok) throw new PilotError('sync-unreachable', { server: config.server });
	await checkAccess(config);
}

/** The team database answers to this session (read access), or the cause in French. */
export async function checkAccess(config: SyncConfig): Promise<void> {
	const info = await request(config, `/${encodeURIComponent(config.db)}`);
	if (info.ok) return;
	if (info.status === 404) throw new PilotError('sync-no-database', { server: config.server, db: config.db });
	if (info.status === 401 || info.status === 403) {
		const who = await request(config, '/_session');
		const name = who.ok ? ((await who.json()) as { userCtx?: { name?: string | null } }).userCtx?.name : null;
		if (!name) throw new PilotError('sync-session-expired', { server: config.server });
		throw new PilotError('sync-forbidden', { db: config.db, user: config.user });
	}
	throw new PilotError('sync-unreachable', { server: config.server });
}

/** Ends the session on the server (the cookie is cleared); unreachable servers are ignored. */
export async function logout(config: SyncConfig): Promise<void> {
	await request(config, '/_session', { method: 'DELETE' }).catch(() => undefined);
}
