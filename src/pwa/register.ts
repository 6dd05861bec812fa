/**
 * Wires the service worker and the browser's PWA events into pwaStore. Called once at start-up,
 * after the first prompt is shown, so registration never competes with it.
 */
import { registerSW } from 'virtual:pwa-register';
import { pwaStore } from './store';

const UPDATE_CHECK_MS = 60 * 60 * 1000;

export function startPwa(): void {
  // Online/offline and install events are watched from store.ts, which loads with the first bundle.
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const updateServiceWorker = registerSW({
    onNeedRefresh() {
      pwaStore.setState({ applyUpdate: () => updateServiceWorker(true) });
    },
    onOfflineReady() {
      pwaStore.setState({ offlineReady: true });
    },
    onRegisteredSW(_url, registration) {
      // Browsers look for a new sw.js on navigation; a tab left open all day (a training room)
      // would never see a deploy, so look hourly too while online.
      if (!registration) return;
      setInterval(() => {
        if (navigator.onLine) void registration.update().catch(() => undefined);
      }, UPDATE_CHECK_MS);
    },
  });
}
