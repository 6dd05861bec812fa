/**
 * PWA state the header shows: online/offline, whether the browser offers installation, and
 * whether a new version is waiting. Vanilla zustand so it is set from plain event listeners.
 */
import { createStore } from 'zustand/vanilla';

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
}

export const pwaStore = createStore<PwaState>()(() => ({
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  installPrompt: null,
  applyUpdate: null,
  offlineReady: false,
}));
