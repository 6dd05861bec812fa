/**
 * The edge tools as a feature: their configuration files (wrangler.toml / wrangler.json(c),
 * fastly.toml) get the tools' own validation as editor diagnostics. The validators load in their own
 * chunk once `start` resolves (the browser resolves it when the first prompt is up, as for the
 * lessons), so nothing of theirs loads before the prompt. (The commands themselves are lazy core
 * commands, src/commands/index.ts.)
 */
import type { Feature } from '../features';

export function edgeFeature(opts: { start?: Promise<void> } = {}): Feature {
  return {
    id: 'edge',
    activate() {
      let live = true;
      (opts.start ?? Promise.resolve())
        .then(() => import('../edge-diagnostics'))
        .then(
          (m) => {
            if (live) m.registerEdgeDiagnostics();
          },
          () => undefined, // offline before the chunk was cached: the editor still shows TOML syntax errors
        );
      return () => {
        live = false;
      };
    },
  };
}
