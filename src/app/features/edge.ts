/**
 * The edge tools as a feature: their configuration files (wrangler.toml / wrangler.json(c),
 * fastly.toml) get the tools' own validation as editor diagnostics. The validators load in their own
 * chunk, after activation, so nothing of theirs is in the pre-prompt bundle. (The commands themselves
 * are lazy core commands, src/commands/index.ts.)
 */
import type { Feature } from '../features';

export const edgeFeature: Feature = {
  id: 'edge',
  activate() {
    let live = true;
    import('../edge-diagnostics').then(
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
