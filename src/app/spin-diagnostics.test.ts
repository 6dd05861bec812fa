import { describe, expect, it } from 'vitest';
import { diagnose } from '../editor/diagnostics';
import { registerSpinManifestDiagnostics } from './spin-diagnostics';

describe('spin.toml diagnostics in the editor', () => {
  it('shows Spin validation for spin.toml files', () => {
    registerSpinManifestDiagnostics();
    const text =
      'spin_manifest_version = 2\n[application]\nname = "x"\n[component.web]\nsource = "a.wasm"\nallowed_outbound_hosts = ["api.example.com"]\n';
    expect(diagnose('/home/learner/app/spin.toml', text)).toEqual([
      {
        message:
          "Failed to load component `web`: `allowed_outbound_hosts` is malformed: \"api.example.com\" does not contain a scheme (e.g., 'http://' or '*://')",
        line: 6,
        column: 27,
        severity: 'error',
      },
    ]);
  });
});
