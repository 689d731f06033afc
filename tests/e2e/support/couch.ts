import { syncPort } from '../../../playwright.config';

/** The test server (scripts/sync-test-server.mjs), as the browser reaches it. */
export const COUCH = `http://localhost:${syncPort}`;
const ADMIN = { name: 'admin', password: 'admin-secret' };
const auth = `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}`;

async function call(path: string, init: RequestInit = {}): Promise<Response> {
	return fetch(`${COUCH}${path}`, {
		...init,
		headers: { Authorization: auth, 'Content-Type': 'application/json', ...init.headers }
	});
}

async function ok(response: Promise<Response>, what: string): Promise<Response> {
	const r = await response;
	if (!r.ok) throw new Error(`${what}: ${r.status} ${await r.text()}`);
	return r;
}

/** Leaves "admin party": an admin exists (idempotent; the server is shared by the specs). */
async function ensureAdmin(): Promise<void> {
	const session = await call('/_session');
	if (session.ok) return;
	// Still in admin party: the first request without credentials names the admin.
	await ok(
		fetch(`${COUCH}/_config/admins/${ADMIN.name}`, { method: 'PUT', body: JSON.stringify(ADMIN.password) }),
		'admin'
	);
}

export interface Team {
	db: string;
	user: string;
	password: string;
}

/** A team database of its own for one test, with one member (`_security`), as docs/sync.md sets up. */
export async function createTeam(prefix: string): Promise<Team> {
	await ensureAdmin();
	const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
	const team = { db: `${prefix}-${id}`, user: `membre-${id}`, password: `mdp-${id}-Secret!` };
	await ok(call(`/${team.db}`, { method: 'PUT' }), 'team database');
	await ok(
		call(`/_users/org.couchdb.user:${team.user}`, {
			method: 'PUT',
			body: JSON.stringify({ name: team.user, password: team.password, roles: [], type: 'user' })
		}),
		'user'
	);
	await ok(
		call(`/${team.db}/_security`, {
			method: 'PUT',
			body: JSON.stringify({ admins: { names: [], roles: [] }, members: { names: [team.user], roles: [] } })
		}),
		'_security'
	);
	return team;
}

/** Another account, member of no team database. */
export async function createOutsider(): Promise<{ user: string; password: string }> {
	await ensureAdmin();
	const user = `intrus-${Date.now().toString(36)}`;
	const password = 'mdp-intrus';
	await ok(
		call(`/_users/org.couchdb.user:${user}`, {
			method: 'PUT',
			body: JSON.stringify({ name: user, password, roles: [], type: 'user' })
		}),
		'outsider'
	);
	return { user, password };
}

/** Every document of the team database with its attachments' stubs, as JSON text. */
export async function teamDump(db: string): Promise<string> {
	const r = await ok(call(`/${db}/_all_docs?include_docs=true&conflicts=true`), 'dump');
	return r.text();
}

export async function teamDocs(db: string): Promise<{ id: string; doc: Record<string, unknown> }[]> {
	return (JSON.parse(await teamDump(db)) as { rows: { id: string; doc: Record<string, unknown> }[] }).rows;
}

/** `count` claims written straight into the team database (as another device's bridge maps them). */
export async function seedClaims(db: string, count: number, prefix = 'SEED'): Promise<void> {
	const at = Date.UTC(2026, 10, 27);
	const docs = Array.from({ length: count }, (_, i) => {
		const id = `${prefix.toLowerCase()}-${i}`;
		const tracking = `${prefix}-${String(i).padStart(5, '0')}`;
		return {
			_id: `claims:${id}`,
			table: 'claims',
			data: {
				id,
				date: '2026-11-27',
				tracking,
				partner: 'Acme',
				originOrder: '',
				partnerOrder: '',
				carrier: 'DPD',
				motif: 'Casse',
				motifOther: '',
				amountCents: 4_200,
				status: 'En attente',
				notes: '',
				shippingDate: null,
				incidentDate: null,
				filedDate: null,
				paidDate: null,
				createdAt: at,
				updatedAt: at,
				history: [{ at, by: 'Équipe', field: 'created', from: null, to: 'En attente' }],
				evidence: []
			}
		};
	});
	await ok(call(`/${db}/_bulk_docs`, { method: 'POST', body: JSON.stringify({ docs }) }), 'seed');
}
