/**
 * Wires the service worker and the browser's PWA events into pwaStore. Called once at start-up,
 * after the first prompt is shown, so registration never competes with it.
 */
import { registerSW } from 'virtual:pwa-register';
import { pwaStore } from './store';

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
  });
}
