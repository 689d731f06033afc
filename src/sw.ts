/// <reference lib="WebWorker" />
import { cacheNames, clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare let self: ServiceWorkerGlobalScope;

// A new version waits until the user clicks "Recharger" (never mid-restore): no skipWaiting here.
self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// The first install controls the open page at once, so the app works offline without a reload.
clientsClaim();

// Every file of the build (JS, CSS, icons, manifest, prerendered pages), revisioned by content.
precacheAndRoute(self.__WB_MANIFEST);
// Caches left by older Workbox precache formats.
cleanupOutdatedCaches();
// Pilot keeps no other cache: any other one is a leftover of an older version of the app.
self.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((k) => k !== cacheNames.precache).map((k) => caches.delete(k))))
	);
});

// Any other navigation, online or not, gets the app shell; the client router renders the module.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/200.html')));
