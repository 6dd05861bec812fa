/**
 * Wires the service worker and the browser's PWA events into pwaStore. Called once at start-up,
 * after the first prompt is shown, so registration never competes with it.
 */
import { registerSW } from 'virtual:pwa-register';
import { pwaStore, type InstallPromptEvent } from './store';

export function startPwa(): void {
  window.addEventListener('online', () => pwaStore.setState({ online: true }));
  window.addEventListener('offline', () => pwaStore.setState({ online: false }));
  window.addEventListener('beforeinstallprompt', (event) => {
    // Keep the event so our own Install button can show the browser's dialog later.
    event.preventDefault();
    pwaStore.setState({ installPrompt: event as InstallPromptEvent });
  });
  window.addEventListener('appinstalled', () => pwaStore.setState({ installPrompt: null }));

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
