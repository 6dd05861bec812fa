import { describe, expect, it } from 'vitest';
import { diagnose, MAX_DIAGNOSTICS, positionOf, registerFileValidator } from './diagnostics';

describe('editor diagnostics', () => {
  it('accepts valid JSON, YAML and TOML', () => {
    expect(diagnose('/data/config.json', '{"a": [1, 2]}')).toEqual([]);
    expect(diagnose('/k8s/pod.yaml', 'apiVersion: v1\nkind: Pod\n')).toEqual([]);
    expect(diagnose('/app/Cargo.toml', '[package]\nname = "x"\n')).toEqual([]);
  });

  it('places a JSON error on the line of the stray comma', () => {
    const [d, ...rest] = diagnose('/data/config.json', '{\n  "a": 1,\n}');
    expect(rest).toEqual([]);
    expect(d!.line).toBe(3);
    expect(d!.column).toBe(1);
    expect(d!.severity).toBe('error');
    expect(d!.message).not.toMatch(/position/);
  });

  it('reports a YAML indentation error with its line', () => {
    const ds = diagnose('/k8s/app.yml', 'kind: Pod\nmetadata:\n  name: a\n    bad: [\n');
    expect(ds.length).toBeGreaterThan(0);
    expect(ds[0]!.line).toBeGreaterThanOrEqual(3);
    expect(ds[0]!.message).not.toContain('\n');
  });

  it('YAML errors land on their line and column; a flood of them is capped with a count of the rest', () => {
    const [first] = diagnose('/k8s/a.yaml', 'a: 1\nb: [1, 2\n');
    // The unclosed flow sequence is noticed where the input ends: line 3, column 1.
    expect(first).toMatchObject({ severity: 'error', line: 3, column: 1 });
    // 20,000 broken lines: one problem or more each (was quadratic: 17 s in positionOf).
    const flood = diagnose('/k8s/flood.yaml', "': : :\n".repeat(20_000));
    expect(flood).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(flood[MAX_DIAGNOSTICS]!.message).toMatch(/^\d+ more problems not shown$/);
    expect(flood[0]).toMatchObject({ line: 1, column: 1 });
    // Every shown problem sits on a real line and column of the 7-character lines, in order.
    const shown = flood.slice(0, MAX_DIAGNOSTICS);
    for (const [i, d] of shown.entries()) {
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeLessThanOrEqual(7);
      if (i > 0) expect(d.line).toBeGreaterThanOrEqual(shown[i - 1]!.line);
    }
    expect(shown.at(-1)!.line).toBeGreaterThan(MAX_DIAGNOSTICS / 2);
  });

  it('reports a TOML error with line and column', () => {
    const [d] = diagnose('/app/x.toml', 'name = "a"\nversion = \n');
    expect(d).toMatchObject({ line: 2, severity: 'error' });
    expect(d!.message).toMatch(/Invalid TOML/);
  });

  it('ignores formats it does not know', () => {
    expect(diagnose('/src/lib.rs', 'fn main( {')).toEqual([]);
  });

  it('lets a file-specific validator take over', () => {
    registerFileValidator('special.toml', (text) => [{ message: `len ${text.length}`, line: 1, column: 1, severity: 'warning' }]);
    expect(diagnose('/x/special.toml', 'abc')).toEqual([{ message: 'len 3', line: 1, column: 1, severity: 'warning' }]);
  });

  it('counts positions from 1', () => {
    expect(positionOf('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
