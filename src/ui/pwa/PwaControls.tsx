/** Header controls for the PWA: offline indicator, Install button, and the update toast. */
import { useStore } from 'zustand';
import { pwaStore } from '../../pwa/store';

export function OfflineIndicator() {
  const online = useStore(pwaStore, (s) => s.online);
  return (
    <span className={`net-status ${online ? 'online' : 'offline'}`} role="status" aria-live="polite">
      {online ? 'Online' : 'Offline: everything still works'}
    </span>
  );
}

export function InstallButton() {
  const installPrompt = useStore(pwaStore, (s) => s.installPrompt);
  if (!installPrompt) return null;
  return (
    <button
      type="button"
      onClick={async () => {
        await installPrompt.prompt();
        await installPrompt.userChoice;
        pwaStore.setState({ installPrompt: null });
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
      <button type="button" onClick={() => void applyUpdate()}>Reload</button>
      <button type="button" onClick={() => pwaStore.setState({ applyUpdate: null })}>Later</button>
    </div>
  );
}
