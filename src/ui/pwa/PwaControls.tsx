/** Header controls for the PWA: offline indicator, Install button, and the update toast. */
import { useStore } from 'zustand';
import { pwaStore } from '../../pwa/store';

export function OfflineIndicator() {
  const online = useStore(pwaStore, (s) => s.online);
  const notice = useStore(pwaStore, (s) => s.notice);
  return (
    <span className={`net-status ${online ? 'online' : 'offline'}`} role="status" aria-live="polite">
      {online ? 'Online' : 'Offline: everything still works'}
      {notice ? <span className="net-notice"> · {notice}</span> : null}
    </span>
  );
}

/** Shown only while the browser offers installation (it keeps the `beforeinstallprompt` event for us). */
export function InstallButton() {
  const installPrompt = useStore(pwaStore, (s) => s.installPrompt);
  if (!installPrompt) return null;
  return (
    <button
      type="button"
      className="btn"
      title="Install Wasm Dojo as an app that opens offline"
      onClick={async () => {
        try {
          await installPrompt.prompt();
          await installPrompt.userChoice;
        } catch {
          // A prompt can be shown once; if the browser refuses, there is nothing left to offer.
        } finally {
          // Accepted or dismissed, this event is spent; the browser sends a new one if it offers again.
          pwaStore.setState({ installPrompt: null });
        }
      }}
    >
      Install
    </button>
  );
}

export function UpdateToast() {
  const applyUpdate = useStore(pwaStore, (s) => s.applyUpdate);
  if (!applyUpdate) return null;
  return (
    <div className="toast" role="alert">
      <span>A new version of Wasm Dojo is ready. Your files and progress are kept.</span>
      <button type="button" onClick={() => void applyUpdate()}>
        Reload
      </button>
      <button type="button" onClick={() => pwaStore.setState({ applyUpdate: null })}>
        Later
      </button>
    </div>
  );
}
