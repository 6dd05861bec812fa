import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, CsvError, fromCsv, parseCsvRows, toCsv } from '../../src/lab/csv';
import type { RunRecord } from '../../src/lab/race';

const record = (over: Partial<RunRecord> = {}): RunRecord => ({
  index: 1,
  warmup: false,
  outcome: 'exit',
  exitCode: 0,
  compileMs: 12.345,
  compileCached: false,
  instantiateMs: 0.25,
  runMs: 0.125,
  endToEndMs: 1.5,
  fromSpare: false,
  memoryBytes: 131072,
  ...over,
});

const ms = fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 1000);
const arbRecord = fc.record<RunRecord>({
  index: fc.integer({ min: 1, max: 10_000 }),
  warmup: fc.boolean(),
  outcome: fc.constantFrom('exit', 'trap', 'error', 'killed'),
  exitCode: fc.option(fc.integer({ min: 0, max: 255 }), { nil: null }),
  compileMs: ms,
  compileCached: fc.boolean(),
  instantiateMs: ms,
  runMs: ms,
  endToEndMs: ms,
  fromSpare: fc.boolean(),
  memoryBytes: fc.integer({ min: 0, max: 4 * 2 ** 30 }),
});

describe('race CSV', () => {
  it('writes our header and one row per run', () => {
    const text = toCsv({ label: 'hello.wasm', records: [record(), record({ index: 2, compileCached: true, compileMs: 0.012 })] });
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines[1]).toBe('hello.wasm,1,false,exit,0,12.345,false,0.25,0.125,1.5,false,131072');
    expect(lines[2]).toBe('hello.wasm,2,false,exit,0,0.012,true,0.25,0.125,1.5,false,131072');
    expect(lines[3]).toBe('');
  });

  it('round-trips any race, including labels that need quoting', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.array(arbRecord, { minLength: 1, maxLength: 30 }), (label, records) => {
        const back = fromCsv(toCsv({ label, records }));
        expect(back).toEqual({ label, records });
      }),
    );
  });

  it('quotes per RFC 4180 and reads quoted commas, quotes and line breaks', () => {
    const label = 'my "fast", module\nv2.wasm';
    const text = toCsv({ label, records: [record()] });
    expect(text).toContain('"my ""fast"", module\nv2.wasm",1,');
    expect(fromCsv(text).label).toBe(label);
    expect(parseCsvRows('a,"b,c"\n"d""e",f')).toEqual([
      ['a', 'b,c'],
      ['d"e', 'f'],
    ]);
  });

  it('refuses what is not a race, saying where', () => {
    const good = toCsv({ label: 'x.wasm', records: [record()] });
    expect(() => fromCsv('name,value\n1,2\n')).toThrow(/not a Wasm Dojo race/);
    expect(() => fromCsv(good.split('\r\n')[0] + '\r\n')).toThrow(/no runs/);
    expect(() => fromCsv(good.replace('12.345', 'fast'))).toThrow(new CsvError('line 2: compile_ms must be a number ≥ 0, got "fast"'));
    expect(() => fromCsv(good.replace('12.345', '-1'))).toThrow(/line 2: compile_ms/);
    expect(() => fromCsv(good.replace(',exit,', ',boom,'))).toThrow(/line 2: outcome/);
    expect(() => fromCsv(good.replace(',false,exit', ',maybe,exit'))).toThrow(/line 2: warmup must be true or false/);
    expect(() => fromCsv(good.replace('131072', '131072,7'))).toThrow(/line 2: expected 12 fields, found 13/);
    expect(() => fromCsv(good + 'other.wasm,2,false,exit,0,1,true,1,1,1,false,0\r\n')).toThrow(/one race per file/);
    expect(() => fromCsv('"unclosed')).toThrow(/never closed/);
    expect(() => fromCsv('x'.repeat(5 << 20))).toThrow(/larger than/);
  });

  it('reads a file saved with a BOM and LF line ends (a spreadsheet round trip)', () => {
    const text = '\uFEFF' + toCsv({ label: 'x.wasm', records: [record()] }).replace(/\r\n/g, '\n');
    expect(fromCsv(text).records).toEqual([record()]);
  });
});
