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
});
