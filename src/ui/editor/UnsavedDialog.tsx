/**
 * "Save changes to FILE?" before unsaved edits would be lost (Close, or `edit` of another file).
 * A native modal <dialog>: focus moves in and stays in (Tab cycles its three buttons), Escape is
 * Cancel, and the page behind is inert. Focus starts on Save, the choice that loses nothing.
 */
import { useEffect, useId, useRef } from 'react';

export interface UnsavedDialogProps {
  path: string;
  /** Why the question is asked: closing the editor or opening another file. */
  action: 'close' | 'switch';
  /** A failed save, shown in the dialog (which stays open). */
  error?: string;
  /**
   * The learner's answer. Returns what to do once the dialog is closed, or null to keep it open (a
   * save that failed). The dialog closes first, so focus is back on the page (not inert behind a
   * modal) when the follow-up moves it, e.g. to the terminal.
   */
  onChoice(choice: 'save' | 'discard' | 'cancel'): (() => void) | null;
}

export function UnsavedDialog({ path, action, error, onChoice }: UnsavedDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const save = useRef<HTMLButtonElement>(null);
  const id = useId();
  const name = path.split('/').pop() || path;

  const choose = (choice: 'save' | 'discard' | 'cancel') => {
    const then = onChoice(choice);
    if (!then) return;
    // Closing a modal dialog gives focus back to what had it before (the Close button).
    if (dialog.current?.open) dialog.current.close();
    then();
  };

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (!d.open) d.showModal();
    save.current?.focus();
    return () => {
      if (d.open) d.close();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(e) => {
        // Escape: the same as Cancel (React closes nothing behind our back).
        e.preventDefault();
        choose('cancel');
      }}
    >
      <h2 id={`${id}-title`} className="confirm-title">
        Save changes to {name}?
      </h2>
      <p id={`${id}-body`}>
        <code>{path}</code> has unsaved changes. {action === 'close' ? 'Closing the editor' : 'Opening another file'} without
        saving loses them.
      </p>
      {error ? (
        <p role="alert" className="confirm-error">
          {error}
        </p>
      ) : null}
      <div className="confirm-actions">
        <button ref={save} type="button" className="primary" onClick={() => choose('save')}>
          Save
        </button>
        <button type="button" onClick={() => choose('discard')}>
          Discard
        </button>
        <button type="button" onClick={() => choose('cancel')}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
