import { liveQuery, type Subscription } from 'dexie';
import { hasAnyRecord } from '$lib/db/stats';
import { notifications } from './notifications.svelte';

/**
 * Safari (WebKit's tracking prevention) erases a site's storage after 7 days of use of Safari
 * without a visit, unless the site was added to the Home Screen (iPad, iPhone) or to the Dock
 * (Mac): such a web app has its own storage and days of use. Every browser of an iPad or iPhone
 * is WebKit; iPadOS asks for desktop sites, so an iPad says "Macintosh" and only its touch points
 * tell it apart from a Mac.
 */
export type SafariKind = 'ios' | 'mac';

export interface BrowserFacts {
	userAgent: string;
	maxTouchPoints: number;
	/** Opened from the Home Screen or the Dock (`navigator.standalone`, `display-mode: standalone`). */
	standalone: boolean;
}

/** Which Safari may erase this site's data after 7 days; null when it cannot (or is a web app). */
export function safariEvictionRisk({
	userAgent: ua,
	maxTouchPoints,
	standalone
}: BrowserFacts): SafariKind | null {
	if (standalone || !/AppleWebKit\//.test(ua)) return null;
	if (/iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && maxTouchPoints > 1)) return 'ios';
	const safari = /Version\/[\d.]+.*Safari\//.test(ua) && !/Chrome|Chromium|Edg|OPR|Firefox|Android/.test(ua);
	return safari && /Macintosh/.test(ua) ? 'mac' : null;
}

/** The fix, in Safari's own words. */
export const ADD_TO_HOME: Record<SafariKind, string> = {
	ios: 'Partager → Sur l’écran d’accueil',
	mac: 'Fichier → Ajouter au Dock'
};

function browserFacts(): BrowserFacts {
	const nav = navigator as Navigator & { standalone?: boolean };
	const standalone =
		nav.standalone === true ||
		(typeof matchMedia === 'function' && matchMedia('(display-mode: standalone)').matches);
	return { userAgent: nav.userAgent, maxTouchPoints: nav.maxTouchPoints ?? 0, standalone };
}

/**
 * Whether this browser may erase Pilot's data after 7 days, for the notices on the home and
 * backup pages; on such a browser, the first data saved in a session is followed by a reminder.
 */
export class SafariStorage {
	risk = $state<SafariKind | null>(null);
	#watch: Subscription | undefined;
	#started = false;

	async start(facts: BrowserFacts = browserFacts()): Promise<void> {
		if (this.#started) return;
		this.#started = true;
		this.risk = safariEvictionRisk(facts);
		// Only a session that saves the first data (an import) gets the reminder, not every visit.
		if (this.risk && !(await hasAnyRecord())) this.#remindOnFirstData(this.risk);
	}

	#remindOnFirstData(risk: SafariKind): void {
		this.#watch = liveQuery(hasAnyRecord).subscribe({
			next: (hasData) => {
				if (!hasData) return;
				this.stop();
				notifications.push({
					kind: 'info',
					text: `Vos premières données sont enregistrées dans ce navigateur. Sur Safari, elles peuvent être effacées après 7 jours sans ouvrir Pilot : ajoutez-le (${ADD_TO_HOME[risk]}) et téléchargez régulièrement une sauvegarde.`
				});
			},
			error: (err) => console.error('Surveillance des premières données impossible', err)
		});
	}

	stop(): void {
		this.#watch?.unsubscribe();
		this.#watch = undefined;
	}
}

export const safariStorage = new SafariStorage();
