import { useRef } from 'react';
import { useUi, type ThemeChoice } from '../app/store';
import { InstallButton, OfflineIndicator } from './pwa/PwaControls';
import { usePresenter } from './presenter/store';

const NEXT_THEME: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const THEME_LABEL: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export interface HeaderProps {
  /** Called with each chosen file; absent until the app has started. */
  onLoadFiles?: (files: FileList) => void;
}

export function Header({ onLoadFiles }: HeaderProps) {
  const theme = useUi((s) => s.theme);
  const setTheme = useUi((s) => s.setTheme);
  const sidePaneOpen = useUi((s) => s.sidePaneOpen);
  const setSidePaneOpen = useUi((s) => s.setSidePaneOpen);
  const engineReady = useUi((s) => s.engineReady);
  const fileInput = useRef<HTMLInputElement>(null);
  const presenting = usePresenter((s) => s.on);

  return (
    <header className="app-header">
      <h1 className="app-title">
        <img className="app-logo" src={`${import.meta.env.BASE_URL}icons/icon.svg`} alt="" width="24" height="24" />
        Wasm Dojo
      </h1>
      <span className="engine-status" role="status" aria-live="polite">
        {engineReady ? 'Wasm engine ready' : ''}
      </span>
      <OfflineIndicator />
      <div className="header-actions">
        <InstallButton />
        <button
          type="button"
          className="btn"
          onClick={() => fileInput.current?.click()}
          disabled={!onLoadFiles}
          title="Put a .wasm or .wat file from your computer into the current directory"
        >
          Load .wasm
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".wasm,.wat,application/wasm"
          multiple
          hidden
          data-testid="load-wasm-input"
          aria-label="Load .wasm or .wat file"
          onChange={(e) => {
            if (e.target.files && e.target.files.length > 0) onLoadFiles?.(e.target.files);
            e.target.value = '';
          }}
        />
        <button
          type="button"
          className="btn"
          onClick={() => setTheme(NEXT_THEME[theme])}
          aria-label={`Theme: ${THEME_LABEL[theme]} (change to ${THEME_LABEL[NEXT_THEME[theme]]})`}
        >
          Theme: {THEME_LABEL[theme]}
        </button>
        <button
          type="button"
          className="btn"
          aria-pressed={presenting}
          title="Presenter mode: large type, lesson beside the terminal, a timer; → runs the next solution command, Esc leaves"
          onClick={() => usePresenter.getState().set(!presenting)}
        >
          Present
        </button>
        <button type="button" className="btn" aria-expanded={sidePaneOpen} aria-controls="side-pane" onClick={() => setSidePaneOpen(!sidePaneOpen)}>
          {sidePaneOpen ? 'Hide panel' : 'Lessons & trace'}
        </button>
      </div>
    </header>
  );
}
