/**
 * The cold-start lab as a feature: the Lab tab (`#/lab`), the learner's races kept across reloads
 * (`wasm-dojo:lab`, a versioned document; an unreadable copy is kept aside and said once) and
 * emptied by `dojo reset`. `dojo bench` is a subcommand of `dojo`; the `lab` check kind comes with
 * the lessons' built-in kinds. Only the tab's definition is in the first chunk: the store loads
 * once `start` resolves (the first prompt), the view and uPlot when the tab is opened.
 */
import type { StateStorage } from 'zustand/middleware';
import type { DocStorage } from '../../lib/persisted-doc';
import { labPanel } from '../../ui/panels/lab';
import type { Feature } from '../features';

export interface LabFeatureOptions {
  /** Where races are kept (localStorage in the browser); none: they live as long as the page. */
  storage?: StateStorage;
  /** Loading the store and the saved races waits for this (the first prompt). */
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
      const lab = (opts.start ?? Promise.resolve()).then(() => Promise.all([import('../../lab/store'), import('../../lib/persisted-doc')]));
      lab.catch(() => undefined);
      const undo = [host.panels.register(labPanel), host.onReset(() => lab.then(([{ labStoreOf }]) => labStoreOf(host.services).clear()))];
      void lab.then(async ([{ labStoreOf, shareLabStore }, { setAsideMessage }]) => {
        // The store `dojo bench` may already have made (labStoreOf creates it on first use); the
        // lesson check sees the filesystem, not the services: both find the same store.
        const store = labStoreOf(host.services);
        shareLabStore(store, host.services, host.fs);
        if (!opts.storage) return;
        try {
          await store.attach(docStorage(opts.storage));
          if (store.setAside && !store.setAside.repeated) host.say(setAsideMessage('lab races', store.setAside, 'new races start empty'));
        } catch {
          host.say('dojo: your saved lab races could not be read; new races are kept for this page only');
        }
      });
      return () => undo.forEach((u) => u());
    },
  };
}
