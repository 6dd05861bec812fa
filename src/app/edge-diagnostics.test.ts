import { describe, expect, it } from 'vitest';
import { diagnose } from '../editor/diagnostics';
import { registerEdgeDiagnostics } from './edge-diagnostics';

describe('edge config diagnostics in the editor', () => {
  registerEdgeDiagnostics();
  it("wrangler.toml: wrangler's messages at the field's line", () => {
    expect(diagnose('/w/wrangler.toml', 'name = "Bad_Name"\nmain = "src/index.ts"\nweird = 1\n')).toEqual([
      {
        severity: 'error',
        message: 'Expected "name" to be of type string, alphanumeric and lowercase with dashes only but got "Bad_Name".',
        line: 1,
        column: 1,
      },
      { severity: 'warning', message: 'Unexpected fields found in top-level field: "weird"', line: 3, column: 1 },
    ]);
    expect(diagnose('/w/wrangler.toml', 'name = "ok"\ncompatibility_date = 2024\n')[0]).toMatchObject({
      message: 'Expected "compatibility_date" field to be a string but got 2024.',
      line: 2,
    });
    expect(diagnose('/w/wrangler.toml', 'name = \n')[0]).toMatchObject({ severity: 'error', message: 'invalid value', line: 1 });
  });
  it('wrangler.jsonc: comments allowed, the same validation', () => {
    expect(diagnose('/w/wrangler.jsonc', '// c\n{\n  "name": "ok", // x\n  "main": 3,\n}\n')).toEqual([
      { severity: 'error', message: 'Expected "main" field to be a string but got 3.', line: 4, column: 3 },
    ]);
  });
  it("fastly.toml: the CLI's manifest errors and warnings", () => {
    expect(diagnose('/a/fastly.toml', 'manifest_version = "abc"\nname = "x"\n')).toEqual([
      { severity: 'error', message: "error parsing manifest_version 'abc'", line: 1, column: 1 },
    ]);
    const d = diagnose('/a/fastly.toml', 'name = "x"\nlanguage = "rust"\nweird = true\n');
    expect(d.map((x) => x.message)).toEqual([
      "unrecognised field 'weird' (the Fastly CLI ignores it)",
      'The fastly.toml was missing a `manifest_version` field. A default schema version of `3` will be used.',
    ]);
    expect(diagnose('/a/fastly.toml', 'name = 3\nmanifest_version = 3\n')[0]).toMatchObject({ severity: 'error', line: 1 });
  });
});
