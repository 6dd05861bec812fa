/**
 * The editor pane: a thin React wrapper that lazy-loads Monaco on first mount and saves to the
 * learner's host filesystem. All parsing and diagnostics live in src/editor (testable in Node).
 *
 * Unsaved edits are never lost without a question: the title shows ● (and says "unsaved changes"
 * to a screen reader) while the text differs from the file, Close and `edit` of another file ask
 * Save / Discard / Cancel, and leaving the page asks the browser's own question. Ctrl-S (or Save)
 * says "Saved" in a polite live region.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { HostFs } from '../../fs/types';
import type { Diagnostic } from '../../editor/diagnostics';
import type { MountedEditor } from '../../editor/monaco-editor';
import { editorStore } from '../../editor/store';
import { UnsavedDialog } from './UnsavedDialog';

export interface EditorPanelProps {
  fs: HostFs;
  path: string;
  theme: 'dark' | 'light';
  onClose(): void;
}

type Status = { kind: 'loading' } | { kind: 'ready' } | { kind: 'failed'; message: string };

/** A question pending because the text has unsaved changes. */
type Confirm = { action: 'close'; error?: string } | { action: 'switch'; to: string; error?: string };

/** How long "Saved" stays in the toolbar. */
const SAVED_NOTE_MS = 4000;

export function EditorPanel({ fs, path, theme, onClose }: EditorPanelProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<MountedEditor | null>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  const [diagnostics, setDiagnostics] = useState<Diagnostic[]>([]);
  const [dirty, setDirty] = useState(false);
  const [savedNote, setSavedNote] = useState('');
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  // The file Monaco shows. It differs from `path` while "open another file?" waits for an answer.
  const [shown, setShown] = useState(path);
  const shownRef = useRef(path);
  const savedTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  /** Writes `value` to the file shown; false (with the reason) when it could not be written. */
  const write = (value: string): { ok: true } | { ok: false; message: string } => {
    try {
      fs.writeFile(shownRef.current, value);
    } catch (err) {
      return { ok: false, message: `Could not save: ${err instanceof Error ? err.message : String(err)}` };
    }
    editorRef.current?.markSaved();
    clearTimeout(savedTimer.current);
    setSavedNote(`Saved ${shownRef.current}`);
    savedTimer.current = setTimeout(() => setSavedNote(''), SAVED_NOTE_MS);
    return { ok: true };
  };
  // Ctrl-S inside Monaco and the Save button share this; Monaco keeps the callback it was given at
  // mount, so it calls through the ref to this render's closure.
  const saveRef = useRef<(value: string) => boolean>(() => false);
  saveRef.current = (value: string) => {
    const done = write(value);
    setStatus(done.ok ? { kind: 'ready' } : { kind: 'failed', message: done.message });
    return done.ok;
  };
  const saveNow = () => editorRef.current && saveRef.current(editorRef.current.getText());

  const show = (next: string) => {
    const text = fs.exists(next) ? fs.readText(next) : '';
    editorRef.current?.setFile(next, text);
    shownRef.current = next;
    setShown(next);
    setSavedNote('');
    setStatus({ kind: 'ready' });
  };

  useEffect(() => {
    let cancelled = false;
    if (editorRef.current) {
      if (path === shownRef.current) return;
      if (editorRef.current.isDirty()) setConfirm({ action: 'switch', to: path });
      else show(path);
      return;
    }
    const text = fs.exists(path) ? fs.readText(path) : '';
    import('../../editor/monaco-editor')
      .then(({ mountEditor }) => {
        if (cancelled || !hostRef.current) return;
        editorRef.current = mountEditor(hostRef.current, path, text, {
          theme,
          onSave: (value) => void saveRef.current(value),
          onDiagnostics: setDiagnostics,
          onDirtyChange: (now) => {
            setDirty(now);
            // "Saved" no longer holds once the text changes again.
            if (now) setSavedNote('');
          },
        });
        shownRef.current = path;
        setShown(path);
        editorRef.current.focus();
        setStatus({ kind: 'ready' });
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

  useEffect(
    () => () => {
      clearTimeout(savedTimer.current);
      editorRef.current?.dispose();
    },
    [],
  );

  // Closing or reloading the tab with unsaved edits: the browser asks its own question.
  useEffect(() => {
    if (!dirty) return;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    addEventListener('beforeunload', ask);
    return () => removeEventListener('beforeunload', ask);
  }, [dirty]);

  const requestClose = () => {
    if (editorRef.current?.isDirty()) setConfirm({ action: 'close' });
    else onClose();
  };

  /** Carries out what was asked once the answer is Save (after a good save) or Discard. */
  const proceed = (c: Confirm) => {
    setConfirm(null);
    if (c.action === 'close') onClose();
    else show(c.to);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    // Ctrl-S on the toolbar (Monaco handles its own): save here, not the browser's "Save page".
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's' && !e.defaultPrevented) {
      e.preventDefault();
      saveNow();
    }
  };

  const errors = diagnostics.filter((d) => d.severity === 'error');
  const label = `Editor for ${shown}${dirty ? ' (unsaved changes)' : ''}`;
  return (
    <section className="editor-panel" aria-label={label} onKeyDown={onKeyDown}>
      <div className="editor-toolbar">
        <span className="editor-path" title={shown} data-testid="editor-title">
          {dirty ? (
            <span className="editor-dirty" aria-hidden="true">
              ●{' '}
            </span>
          ) : null}
          {shown}
          {dirty ? <span className="visually-hidden"> (unsaved changes)</span> : null}
        </span>
        <span className="editor-status" role="status" aria-live="polite">
          {status.kind === 'loading' && 'Loading editor…'}
          {status.kind === 'failed' && status.message}
          {status.kind === 'ready' && (errors.length > 0 ? `${errors.length} problem${errors.length > 1 ? 's' : ''}: line ${errors[0]!.line}, column ${errors[0]!.column}: ${errors[0]!.message}` : 'No problems')}
        </span>
        <span className="editor-saved" role="status" aria-live="polite" data-testid="editor-saved">
          {savedNote}
        </span>
        <button type="button" onClick={saveNow}>
          Save
        </button>
        <button type="button" ref={closeButton} onClick={requestClose}>
          Close
        </button>
      </div>
      <div className="editor-host" ref={hostRef} data-testid="editor-host" />
      {confirm ? (
        <UnsavedDialog
          path={shown}
          action={confirm.action}
          error={confirm.error}
          onChoice={(choice) => {
            if (choice === 'save') {
              const done = write(editorRef.current?.getText() ?? '');
              if (!done.ok) {
                setConfirm({ ...confirm, error: done.message });
                return null;
              }
            }
            if (choice !== 'cancel') return () => proceed(confirm);
            return () => {
              setConfirm(null);
              if (confirm.action === 'switch') {
                // Keep the file being edited: the open request is withdrawn.
                editorStore.getState().open(shownRef.current);
                editorRef.current?.focus();
              } else closeButton.current?.focus();
            };
          }}
        />
      ) : null}
    </section>
  );
}
