import { Workbox } from 'workbox-window';
import { activity } from './activity.svelte';

const HOUR = 60 * 60 * 1000;

/**
 * The service worker's lifecycle, as seen by the page: registered with workbox-window, and a new
 * version waiting to be applied when the user says so (never by itself: a reload mid-work loses input).
 */
class AppUpdate {
	/** The page is controlled by our service worker (the app works offline). */
	offlineReady = $state(false);
	/** A newer build is installed and waits for "Recharger". */
	waiting = $state(false);
	/** The user chose "Plus tard"; asking for updates again shows the prompt again. */
	dismissed = $state(false);
	/** The user clicked "Recharger"; the page reloads when the new worker takes control. */
	applying = $state(false);
	#wb: Workbox | undefined;
	#registration: ServiceWorkerRegistration | undefined;

	/** Registers `/sw.js` once; does nothing where service workers are unavailable. */
	async register(url = '/sw.js'): Promise<void> {
		if (this.#wb || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
		const wb = new Workbox(url, { scope: '/' });
		this.#wb = wb;
		wb.addEventListener('waiting', () => (this.waiting = true));
		wb.addEventListener('activated', (event) => {
			if (!event.isUpdate) this.offlineReady = true;
		});
		wb.addEventListener('controlling', () => {
			this.offlineReady = true;
			if (this.applying) window.location.reload();
		});
		this.offlineReady = !!navigator.serviceWorker.controller;
		this.#registration = await wb.register();
		// Browsers look for a new sw.js on navigations only; an app left open all day asks hourly.
		setInterval(() => {
			if (navigator.onLine) wb.update().catch((err) => console.warn('Mise à jour non vérifiée', err));
		}, HOUR);
	}

	/** Looks for a newer build now (the browser also checks on navigations); true when one is coming. */
	async check(): Promise<boolean> {
		if (!this.#wb) return false;
		this.dismissed = false;
		await this.#wb.update();
		return this.waiting || !!this.#registration?.installing || !!this.#registration?.waiting;
	}

	/**
	 * Activates the waiting worker; its `controlling` event reloads the page onto it. Refused while a
	 * long operation runs (a restore must never be cut by a reload): returns whether it went ahead.
	 */
	apply(): boolean {
		if (!this.#wb || !this.waiting || activity.busy) return false;
		this.applying = true;
		this.#wb.messageSkipWaiting();
		return true;
	}
}

export const appUpdate = new AppUpdate();
