/**
 * PWA state the header shows: online/offline, whether the browser offers installation, and
 * whether a new version is waiting. Vanilla zustand so it is set from plain event listeners.
 */
import { createStore } from 'zustand/vanilla';
import { guardExternalLinks } from './external-links';

/** Chromium's `beforeinstallprompt` event (not in the DOM typings). */
export interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export interface PwaState {
  online: boolean;
  installPrompt: InstallPromptEvent | null;
  /** Set when a new service worker is waiting; calling it activates it and reloads the page. */
  applyUpdate: (() => Promise<void>) | null;
  /** True once the app shell is cached and works offline. */
  offlineReady: boolean;
  /** A short message for the header, e.g. why an outside link did not open offline. */
  notice: string | null;
}

export const pwaStore = createStore<PwaState>()(() => ({
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  installPrompt: null,
  applyUpdate: null,
  offlineReady: false,
  notice: null,
}));

/**
 * Browser events are watched from the moment this module loads (it is part of the first bundle),
 * not from startPwa(): on a repeat visit Chromium may fire `beforeinstallprompt` before start-up
 * finishes, and an event nobody listened for is gone for the whole visit.
 */
function watchBrowserEvents(): void {
  if (typeof window === 'undefined') return;
  window.addEventListener('online', () => pwaStore.setState({ online: true, notice: null }));
  window.addEventListener('offline', () => pwaStore.setState({ online: false }));
  window.addEventListener('beforeinstallprompt', (event) => {
    // Keep the event so our own Install button can show the browser's dialog later.
    event.preventDefault();
    pwaStore.setState({ installPrompt: event as InstallPromptEvent });
  });
  window.addEventListener('appinstalled', () => pwaStore.setState({ installPrompt: null }));
  guardExternalLinks((notice) => pwaStore.setState({ notice }));
}
watchBrowserEvents();
