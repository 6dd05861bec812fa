/** Which file the editor shows. Vanilla zustand so commands (no React) can open files. */
import { createStore } from 'zustand/vanilla';

export interface EditorState {
  /** Absolute host path of the open file, or null when the editor is closed. */
  openPath: string | null;
  open(path: string): void;
  close(): void;
}

export const editorStore = createStore<EditorState>()((set) => ({
  openPath: null,
  open: (path) => set({ openPath: path }),
  close: () => set({ openPath: null }),
}));
