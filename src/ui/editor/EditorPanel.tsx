/**
 * The editor pane: a thin React wrapper that lazy-loads Monaco on first mount and saves to the
 * learner's host filesystem. All parsing and diagnostics live in src/editor (testable in Node).
 */
import { useEffect, useRef, useState } from 'react';
import type { HostFs } from '../../fs/types';
import type { Diagnostic } from '../../editor/diagnostics';
import type { MountedEditor } from '../../editor/monaco-editor';

export interface EditorPanelProps {
  fs: HostFs;
  path: string;
  theme: 'dark' | 'light';
  onClose(): void;
}

type Status = { kind: 'loading' } | { kind: 'ready'; saved: boolean } | { kind: 'failed'; message: string };

export function EditorPanel({ fs, path, theme, onClose }: EditorPanelProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<MountedEditor | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  const [diagnostics, setDiagnostics] = useState<Diagnostic[]>([]);

  // Ctrl-S inside Monaco and the Save button share this; it reads the latest path through a ref.
  const pathRef = useRef(path);
  pathRef.current = path;
  const save = (value: string) => {
    try {
      fs.writeFile(pathRef.current, value);
      setStatus({ kind: 'ready', saved: true });
    } catch (err) {
      setStatus({ kind: 'failed', message: `Could not save: ${err instanceof Error ? err.message : String(err)}` });
    }
  };

  useEffect(() => {
    let cancelled = false;
    const text = fs.exists(path) ? fs.readText(path) : '';
    if (editorRef.current) {
      editorRef.current.setFile(path, text);
      setStatus({ kind: 'ready', saved: true });
      return;
    }
    import('../../editor/monaco-editor')
      .then(({ mountEditor }) => {
        if (cancelled || !hostRef.current) return;
        editorRef.current = mountEditor(hostRef.current, path, text, {
          theme,
          onSave: save,
          onDiagnostics: setDiagnostics,
        });
        editorRef.current.focus();
        setStatus({ kind: 'ready', saved: true });
      })
      .catch((err: unknown) => {
        if (!cancelled) setStatus({ kind: 'failed', message: `The editor failed to load: ${String(err)}` });
      });
    return () => {
      cancelled = true;
    };
    // Re-running on theme changes would rebuild Monaco; the theme is applied at mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fs, path]);

  useEffect(() => () => editorRef.current?.dispose(), []);

  const errors = diagnostics.filter((d) => d.severity === 'error');
  return (
    <section className="editor-panel" aria-label={`Editor for ${path}`}>
      <div className="editor-toolbar">
        <span className="editor-path" title={path}>{path}</span>
        <span className="editor-status" role="status" aria-live="polite">
          {status.kind === 'loading' && 'Loading editor…'}
          {status.kind === 'failed' && status.message}
          {status.kind === 'ready' && (errors.length > 0 ? `${errors.length} problem${errors.length > 1 ? 's' : ''}: line ${errors[0]!.line}, column ${errors[0]!.column}: ${errors[0]!.message}` : 'No problems')}
        </span>
        <button type="button" onClick={() => editorRef.current && save(editorRef.current.getText())}>Save</button>
        <button type="button" onClick={onClose}>Close</button>
      </div>
      <div className="editor-host" ref={hostRef} data-testid="editor-host" />
    </section>
  );
}
