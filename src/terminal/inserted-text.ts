/**
 * Text the browser inserts without a key press — the emoji picker, dictation, an on-screen
 * keyboard — reaches the terminal. xterm forwards such `insertText` input only when its
 * screenReaderMode is off (Terminal._inputEvent), and the Dojo keeps that mode on, so without
 * this the text would silently vanish. The same condition as xterm's own otherwise: no key is
 * down (typed characters come through keypress, which xterm cancels, so they fire no input event).
 */
import type { Terminal } from '@xterm/xterm';

export function forwardInsertedText(term: Terminal): () => void {
  const textarea = term.textarea;
  if (!textarea) return () => undefined;
  let keyDown = false;
  const onKeyDown = () => {
    keyDown = true;
  };
  const onKeyUp = () => {
    keyDown = false;
  };
  const onInput = (ev: Event) => {
    const e = ev as InputEvent;
    if (e.inputType !== 'insertText' || !e.data || e.isComposing || keyDown) return;
    // As xterm's own handler does, the textarea keeps its value: xterm diffs it against what it
    // saw at the last key-229 keydown, and emptying it here could read as a deletion.
    term.input(e.data, true);
  };
  textarea.addEventListener('keydown', onKeyDown, true);
  textarea.addEventListener('keyup', onKeyUp, true);
  // A key released after focus moved away sends its keyup elsewhere.
  textarea.addEventListener('blur', onKeyUp);
  textarea.addEventListener('input', onInput);
  return () => {
    textarea.removeEventListener('keydown', onKeyDown, true);
    textarea.removeEventListener('keyup', onKeyUp, true);
    textarea.removeEventListener('blur', onKeyUp);
    textarea.removeEventListener('input', onInput);
  };
}
