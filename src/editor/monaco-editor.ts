/**
 * The Monaco editor, loaded lazily (`await import('./monaco-editor')`) the first time a file is opened,
 * so its ~1 MB gzip never delays the first prompt. Lean import: only the editor core, its features,
 * and the languages learners edit (monaco-editor 0.56+ entry points, not the old esm/vs/ paths).
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/rust/register';
import 'monaco-editor/languages/definitions/cpp/register';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/languages/definitions/shell/register';
import 'monaco-editor/languages/definitions/go/register';
import 'monaco-editor/languages/definitions/javascript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { diagnose, type Diagnostic } from './diagnostics';
import { languageOfPath, tomlGrammar, watGrammar } from './languages';

// The core editor service needs its worker even with no language worker in use: getWorker hands it Vite's.
(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

let languagesRegistered = false;
function registerLanguages(): void {
  if (languagesRegistered) return;
  languagesRegistered = true;
  monaco.languages.register({ id: 'toml', extensions: ['.toml'], aliases: ['TOML'] });
  monaco.languages.setMonarchTokensProvider('toml', tomlGrammar as monaco.languages.IMonarchLanguage);
  monaco.languages.register({ id: 'wat', extensions: ['.wat', '.wast'], aliases: ['WebAssembly Text'] });
  monaco.languages.setMonarchTokensProvider('wat', watGrammar as monaco.languages.IMonarchLanguage);
  // JSON is highlighted with the JavaScript grammar; its errors come from our own diagnostics.
  monaco.languages.register({ id: 'json', extensions: ['.json'] });
  monaco.languages.setLanguageConfiguration('json', { brackets: [['{', '}'], ['[', ']']] });
}

function monacoLanguageId(path: string): string {
  const lang = languageOfPath(path);
  return lang === 'json' ? 'javascript' : lang;
}

export interface MountedEditor {
  /** Shows another file; it starts clean. */
  setFile(path: string, text: string): void;
  getText(): string;
  /** The text as it is now is what the file holds (after a save). */
  markSaved(): void;
  /** The text differs from the last load or save (undoing back to it makes it clean again). */
  isDirty(): boolean;
  focus(): void;
  dispose(): void;
}

export interface MountOptions {
  theme: 'dark' | 'light';
  /** Ctrl-S / Cmd-S. */
  onSave(text: string): void;
  /** Fired (debounced) with the current diagnostics, for a status line. */
  onDiagnostics?(diagnostics: Diagnostic[]): void;
  /** Fired when the text starts or stops differing from what was last loaded or saved. */
  onDirtyChange?(dirty: boolean): void;
}

/** What a screen reader hears for the editing area: the file, and whether it holds unsaved changes. */
export function editorAriaLabel(path: string, dirty: boolean): string {
  return `Editor: ${path}${dirty ? ' (unsaved changes)' : ''}`;
}

export function mountEditor(container: HTMLElement, path: string, text: string, options: MountOptions): MountedEditor {
  registerLanguages();
  let currentPath = path;
  const editor = monaco.editor.create(container, {
    value: text,
    language: monacoLanguageId(path),
    theme: options.theme === 'dark' ? 'vs-dark' : 'vs',
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    scrollBeyondLastLine: false,
    accessibilitySupport: 'auto',
    // 'dimmed' greys the number of the empty line after a final newline below AA contrast (axe).
    renderFinalNewline: 'on',
    ariaLabel: editorAriaLabel(path, false),
  });

  // Dirty means "differs from the saved text", not "was typed in": undoing back to it is clean again.
  // (Monaco's alternative version id does not reliably come back to its first value after an undo.)
  let savedText = text;
  let dirty = false;
  const updateDirty = () => {
    const model = editor.getModel();
    const now = !!model && (model.getValueLength() !== savedText.length || model.getValue() !== savedText);
    if (now === dirty) return;
    dirty = now;
    editor.updateOptions({ ariaLabel: editorAriaLabel(currentPath, dirty) });
    options.onDirtyChange?.(dirty);
  };
  const markSaved = () => {
    savedText = editor.getValue();
    updateDirty();
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const refreshMarkers = () => {
    const model = editor.getModel();
    if (!model) return;
    const found = diagnose(currentPath, model.getValue());
    monaco.editor.setModelMarkers(
      model,
      'dojo',
      found.map((d) => ({
        message: d.message,
        startLineNumber: d.line,
        startColumn: d.column,
        endLineNumber: d.line,
        endColumn: model.getLineMaxColumn(Math.min(d.line, model.getLineCount())),
        severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      })),
    );
    options.onDiagnostics?.(found);
  };
  const changeSub = editor.onDidChangeModelContent(() => {
    updateDirty();
    clearTimeout(timer);
    timer = setTimeout(refreshMarkers, 150);
  });
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => options.onSave(editor.getValue()));
  refreshMarkers();

  return {
    setFile(nextPath, nextText) {
      currentPath = nextPath;
      const model = editor.getModel();
      if (model) monaco.editor.setModelLanguage(model, monacoLanguageId(nextPath));
      editor.setValue(nextText);
      markSaved();
      editor.updateOptions({ ariaLabel: editorAriaLabel(nextPath, false) });
      refreshMarkers();
    },
    getText: () => editor.getValue(),
    markSaved,
    isDirty: () => dirty,
    focus: () => editor.focus(),
    dispose() {
      clearTimeout(timer);
      changeSub.dispose();
      editor.getModel()?.dispose();
      editor.dispose();
    },
  };
}
