import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { DojoApp } from '../app/bootstrap';
import { couldNotLoad } from '../app/load-failure';
import { resolvedTheme, useUi } from '../app/store';
import type { TerminalView } from '../terminal/xterm-view';

export const BANNER =
  'Welcome to \x1b[1mWasm Dojo\x1b[0m: WebAssembly for infrastructure, in your browser.\n' +
  'Type \x1b[1mhelp\x1b[0m for the commands, or try \x1b[1mwasmtime hello.wasm\x1b[0m. Your files stay in this browser.\n';

export interface TerminalPaneProps {
  app: DojoApp | null;
  /** Receives the mounted view (for focusing from the skip link). */
  onReady?: (view: TerminalView) => void;
  onDropFiles?: (files: FileList) => void;
}

export function TerminalPane({ app, onReady, onDropFiles }: TerminalPaneProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<TerminalView | null>(null);
  const theme = useUi((s) => resolvedTheme(s));
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    if (!app || !host.current) return;
    let disposed = false;
    let mounted: TerminalView | null = null;
    // xterm is the bulk of the terminal code; it loads in parallel with the app's start-up.
    void import('../terminal/xterm-view')
      .then(({ mountTerminal }) => {
        if (disposed || !host.current) return;
        const banner = [BANNER, ...app.startupMessages.map((m) => `${m}\n`)].join('');
        mounted = mountTerminal(host.current, app.terminalShell, { theme: resolvedTheme(useUi.getState()), banner });
        view.current = mounted;
        app.attachTerminal(
          {
            print: (text) => mounted!.session.print(text),
            clearScreen: () => mounted!.session.clearScreen(),
            input: (data) => mounted!.session.input(data),
            abandonUnfinished: () => mounted!.session.abandonUnfinished(),
          },
          mounted.promptShown,
        );
        mounted.focus();
        onReady?.(mounted);
      })
      .catch((err: unknown) => {
        // Without its chunk there is no terminal at all: say so where the terminal would be.
        useUi.getState().setStatus('error', couldNotLoad('the terminal', err));
      });
    return () => {
      disposed = true;
      mounted?.dispose();
      view.current = null;
    };
    // The terminal is created once per app; theme changes are applied below without remounting.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [app]);

  useEffect(() => {
    view.current?.setTheme(theme);
  }, [theme]);

  const onDragOver = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (e: DragEvent) => {
    setDragging(false);
    if (e.dataTransfer.files.length === 0) return;
    e.preventDefault();
    onDropFiles?.(e.dataTransfer.files);
    view.current?.focus();
  };

  return (
    <div className={`terminal-pane${dragging ? ' dragging' : ''}`} onDragOver={onDragOver} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
      {!app ? <p className="terminal-loading">Starting the terminal…</p> : null}
      <div ref={host} className="terminal-host" data-testid="terminal" />
      {dragging ? (
        <div className="drop-hint" aria-hidden="true">
          Drop a .wasm or .wat file to put it in the current directory
        </div>
      ) : null}
    </div>
  );
}
