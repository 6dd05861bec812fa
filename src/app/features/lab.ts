/**
 * The cold-start lab as a feature: the Lab tab (`#/lab`), the learner's races kept across reloads
 * (`wasm-dojo:lab`, a versioned document; an unreadable copy is kept aside and said once) and
 * emptied by `dojo reset`. `dojo bench` is a subcommand of `dojo`; the `lab` check kind comes with
 * the lessons' built-in kinds. Everything heavy (the view, uPlot) loads when the tab is opened.
 */
import type { StateStorage } from 'zustand/middleware';
import type { DocStorage } from '../../lib/persisted-doc';
import { setAsideMessage } from '../../lib/persisted-doc';
import { labStoreOf, shareLabStore } from '../../lab/store';
import { labPanel } from '../../ui/panels/lab';
import type { Feature } from '../features';

export interface LabFeatureOptions {
  /** Where races are kept (localStorage in the browser); none: they live as long as the page. */
  storage?: StateStorage;
  /** Loading the saved races waits for this (the first prompt). */
  start?: Promise<void>;
}

function docStorage(storage: StateStorage): DocStorage {
  return {
    get: (key) => storage.getItem(key),
    set: (key, value) => storage.setItem(key, value as string),
  };
}

export function labFeature(opts: LabFeatureOptions = {}): Feature {
  return {
    id: 'lab',
    activate(host) {
      const store = labStoreOf(host.services);
      // The lesson check sees the filesystem, not the services: both find the same store.
      shareLabStore(store, host.services, host.fs);
      const undo = [host.panels.register(labPanel), host.onReset(() => store.clear())];
      const storage = opts.storage;
      if (storage) {
        void (opts.start ?? Promise.resolve())
          .then(() => store.attach(docStorage(storage)))
          .then(
            () => {
              if (store.setAside && !store.setAside.repeated) host.say(setAsideMessage('lab races', store.setAside, 'new races start empty'));
            },
            () => host.say('dojo: your saved lab races could not be read; new races are kept for this page only'),
          );
      }
      return () => undo.forEach((u) => u());
    },
  };
}
