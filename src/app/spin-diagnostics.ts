/**
 * Hooks the spin.toml validator into the editor: the same messages Spin prints show as diagnostics
 * while the learner types. Call once at start-up. The wiring lives in app/: the spin engine knows
 * nothing of the editor.
 */
import { registerFileValidator } from '../editor/diagnostics';
import { validateManifestText } from '../spin/manifest';

export function registerSpinManifestDiagnostics(): void {
  registerFileValidator('spin.toml', (text) =>
    validateManifestText(text).diagnostics.map((d) => ({
      message: d.stage === 'load' && d.context.length ? `${d.context.join(': ')}: ${d.message}` : d.message,
      line: d.line,
      column: d.column,
      severity: d.severity,
    })),
  );
}
