/**
 * The recording the Practice tab's player shows. `record play FILE` (and the file picker) put one
 * here; the text is parsed (and sanitised) by the trainer's asciicast reader before anything sees it.
 */
import { createStore } from 'zustand/vanilla';
import { parseCast, type Cast } from '../../trainer/asciicast';

export interface PlayerState {
  cast: Cast | null;
  name: string;
  error: string | null;
  /** Bumped per recording opened, so the player restarts even for the same file. */
  seq: number;
}

export const playerStore = createStore<PlayerState>()(() => ({ cast: null, name: '', error: null, seq: 0 }));

export function showRecording(text: string, name: string): void {
  const r = parseCast(text);
  playerStore.setState((s) => (r.ok ? { cast: r.cast, name, error: null, seq: s.seq + 1 } : { cast: null, name, error: r.reason, seq: s.seq + 1 }));
}
