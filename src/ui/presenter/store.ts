/** Presenter mode on or off: the one bit App.tsx and Header.tsx read (the mode itself loads lazily). */
import { create } from 'zustand';

export const usePresenter = create<{ on: boolean; set(on: boolean): void }>((set) => ({ on: false, set: (on) => set({ on }) }));
