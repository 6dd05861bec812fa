import { describe, expect, it } from 'vitest';
import { cppDefaultFloat, wasmedgeResult } from './results';

describe('WasmEdge result printing (C++ ostream defaults)', () => {
  it('formats doubles like printf %g with six significant digits', () => {
    const cases: Array<[number, string]> = [
      [0, '0'],
      [-0, '-0'],
      [1, '1'],
      [2.5, '2.5'],
      [100000, '100000'],
      [1000000, '1e+06'],
      [123456789, '1.23457e+08'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [1 / 3, '0.333333'],
      [-2 / 3, '-0.666667'],
      [999999.5, '1e+06'],
      [1e300, '1e+300'],
      [Infinity, 'inf'],
      [-Infinity, '-inf'],
      [NaN, 'nan'],
    ];
    for (const [x, text] of cases) expect(cppDefaultFloat(x), String(x)).toBe(text);
  });

  it("reads the engine's wasmtime-style text back: unsigned integers, f32 as the f32 value", () => {
    expect(wasmedgeResult('i32', '-1')).toBe('4294967295');
    expect(wasmedgeResult('i32', '42')).toBe('42');
    expect(wasmedgeResult('i64', '-9223372036854775808')).toBe('9223372036854775808');
    expect(wasmedgeResult('f32', '0.1')).toBe('0.1');
    expect(wasmedgeResult('f32', 'NaN')).toBe('nan');
    expect(wasmedgeResult('f64', '-inf')).toBe('-inf');
  });
});
