import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { editorStore } from '../editor/store';
import type { DojoApp } from '../app/bootstrap';
import { resolvedTheme, useUi } from '../app/store';
import type { TerminalView } from '../terminal/xterm-view';
import { ChunkBoundary } from './ChunkBoundary';
import { Header } from './Header';
import { UpdateToast } from './pwa/PwaControls';
import { SidePane } from './SidePane';
import { TerminalPane } from './TerminalPane';
import { useThemeEffect } from './useTheme';
import { usePresenter } from './presenter/store';

// The editor (and Monaco behind it) loads only when `edit FILE` opens it.
const EditorPanel = lazy(() => import('./editor/EditorPanel').then((m) => ({ default: m.EditorPanel })));
// Presenter mode (src/ui/presenter/) loads when the header's Present button turns it on.
const PresenterBar = lazy(() => import('./presenter/PresenterBar').then((m) => ({ default: m.PresenterBar })));

export function App({ boot }: { boot: Promise<DojoApp> }) {
  useThemeEffect();
  const theme = useUi((s) => resolvedTheme(s));
  const editorPath = useStore(editorStore, (s) => s.openPath);
  const [app, setApp] = useState<DojoApp | null>(null);
  const status = useUi((s) => s.status);
  const statusMessage = useUi((s) => s.statusMessage);
  const terminal = useRef<TerminalView | null>(null);
  const presenting = usePresenter((s) => s.on);

  // Crossing the phone/tablet breakpoint: the side pane would cover the terminal, so it closes
  // (and reopens when the window is wide again).
  useEffect(() => {
    const wide = globalThis.matchMedia?.('(min-width: 900px)');
    if (!wide) return;
    const onChange = () => useUi.getState().setSidePaneOpen(wide.matches);
    wide.addEventListener('change', onChange);
    return () => wide.removeEventListener('change', onChange);
  }, []);

  useEffect(() => {
    let live = true;
    boot.then(
      (a) => live && setApp(a),
      (err: unknown) => useUi.getState().setStatus('error', err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [boot]);

  const loadFiles = useCallback(
    (files: FileList) => {
      if (!app) return;
      // Read in order so the terminal lines come out in the order the files were chosen.
      void (async () => {
        for (const file of Array.from(files)) {
          const bytes = new Uint8Array(await file.arrayBuffer());
          app.loadFile(file.name, bytes);
        }
      })();
    },
    [app],
  );

  return (
    <div className={presenting ? 'app presenting' : 'app'}>
      <a
        className="skip-link"
        href="#terminal"
        onClick={(e) => {
          e.preventDefault();
          terminal.current?.focus();
        }}
      >
        Skip to terminal
      </a>
      <Header onLoadFiles={app ? loadFiles : undefined} />
      {presenting ? (
        <ChunkBoundary what="Presenter mode">
          <Suspense fallback={null}>
            <PresenterBar app={app} terminal={terminal.current} onExit={() => usePresenter.getState().set(false)} />
          </Suspense>
        </ChunkBoundary>
      ) : null}
      <div className="app-body">
        <main id="terminal" className="app-main" aria-label="Terminal" tabIndex={-1}>
          {status === 'error' ? (
            <p role="alert" className="fatal">
              Wasm Dojo could not start: {statusMessage}
            </p>
          ) : null}
          {app && editorPath ? (
            <div className="editor-area">
              <ChunkBoundary what="The editor">
                <Suspense fallback={<p className="terminal-loading">Loading the editor…</p>}>
                  <EditorPanel
                    fs={app.fs}
                    path={editorPath}
                    theme={theme}
                    onClose={() => {
                      editorStore.getState().close();
                      terminal.current?.focus();
                    }}
                  />
                </Suspense>
              </ChunkBoundary>
            </div>
          ) : null}
          <TerminalPane app={app} onReady={(v) => (terminal.current = v)} onDropFiles={loadFiles} />
        </main>
        <SidePane app={app} />
      </div>
      <UpdateToast />
    </div>
  );
}
