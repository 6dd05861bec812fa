/**
 * Hooks the edge tools' config validation into the editor: what `wrangler dev` and `fastly compute`
 * print about a config file shows as markers while the learner types. The wiring lives in app/: the
 * edge engine knows nothing of the editor.
 */
import { registerFileValidator } from '../editor/diagnostics';
import { workerConfigDiagnostics } from '../edge/worker-config';
import { fastlyManifestDiagnostics } from '../edge/fastly-manifest';

export function registerEdgeDiagnostics(): void {
  for (const file of ['wrangler.toml', 'wrangler.json', 'wrangler.jsonc']) registerFileValidator(file, (text) => workerConfigDiagnostics(file, text));
  registerFileValidator('fastly.toml', fastlyManifestDiagnostics);
}
