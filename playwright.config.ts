import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

// Debian's Chromium where Playwright cannot download its own browser (these machines); Playwright's elsewhere.
const debianChromium = '/usr/bin/chromium';
export const executablePath =
	process.env.CHROMIUM_PATH ?? (existsSync(debianChromium) ? debianChromium : undefined);
export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

const port = Number(process.env.PILOT_PORT ?? 4173);
// The team-sync specs' CouchDB-compatible server (scripts/sync-test-server.mjs).
export const syncPort = Number(process.env.PILOT_SYNC_PORT ?? port + 1000);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	forbidOnly: !!process.env.CI,
	retries: process.env.CI ? 1 : 0,
	workers: 2,
	timeout: 60_000,
	reporter: [['list']],
	// Beside the build it tests, so engineers running e2e on their own PILOT_OUT never share traces.
	outputDir: process.env.PILOT_OUT ? `${process.env.PILOT_OUT}/test-results` : 'test-results',
	use: {
		baseURL: `http://localhost:${port}`,
		locale: 'fr-FR',
		timezoneId: 'Europe/Paris',
		// Recording a trace doubled the time of a test here (a DOM snapshot per action): CI records the
		// retry of a failed test, a local run keeps the failure's own trace.
		trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
		launchOptions: { executablePath, args: chromiumArgs }
	},
	projects: [
		{
			name: 'chromium',
			use: { ...devices['Desktop Chrome'], launchOptions: { executablePath, args: chromiumArgs } }
		}
	],
	webServer: [
		{
			// The test command builds first; this serves that build as a web host would (scripts/serve.mjs).
			command: 'node scripts/serve.mjs',
			url: `http://localhost:${port}`,
			reuseExistingServer: !process.env.CI,
			timeout: 120_000
		},
		{
			command: 'node scripts/sync-test-server.mjs',
			url: `http://127.0.0.1:${syncPort}/`,
			reuseExistingServer: !process.env.CI,
			timeout: 60_000
		}
	]
});
