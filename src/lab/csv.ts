/**
 * A race as CSV (RFC 4180: comma-separated, CRLF rows, fields with a comma, quote or line break
 * quoted, quotes doubled), one row per run, so a spreadsheet opens it and the Lab reads it back.
 * Import is strict: the header must be ours, every value must parse, and the error says where.
 */
import type { RunRecord } from './race';

export const CSV_COLUMNS = [
  'module',
  'run',
  'warmup',
  'outcome',
  'exit_code',
  'compile_ms',
  'compile_cached',
  'instantiate_ms',
  'run_ms',
  'end_to_end_ms',
  'from_spare',
  'memory_bytes',
] as const;

export interface CsvRace {
  label: string;
  records: RunRecord[];
}

const OUTCOMES = new Set<RunRecord['outcome']>(['exit', 'trap', 'error', 'killed']);

/** Imports bigger than this are refused rather than parsed (a race holds at most 10 000 rows). */
export const MAX_CSV_BYTES = 4 << 20;

export class CsvError extends Error {}

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Milliseconds keep µs precision; exact round trip of what is written. */
function ms(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

export function toCsv(race: CsvRace): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const r of race.records) {
    rows.push(
      [
        field(race.label),
        String(r.index),
        String(r.warmup),
        r.outcome,
        r.exitCode === null ? '' : String(r.exitCode),
        ms(r.compileMs),
        String(r.compileCached),
        ms(r.instantiateMs),
        ms(r.runMs),
        ms(r.endToEndMs),
        String(r.fromSpare),
        String(r.memoryBytes),
      ].join(','),
    );
  }
  return rows.join('\r\n') + '\r\n';
}

/** RFC 4180 rows; a quote may open a field only at its start. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = '';
  let quoted = false;
  let line = 1;
  let i = 0;
  const endField = () => {
    row.push(cur);
    cur = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cur += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') throw new CsvError(`line ${line}: text after a closing quote`);
        continue;
      }
      if (c === '\n') line++;
      cur += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (cur !== '') throw new CsvError(`line ${line}: a quote inside an unquoted field`);
      quoted = true;
      i++;
    } else if (c === ',') {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endField();
      rows.push(row);
      row = [];
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    } else {
      cur += c;
      i++;
    }
  }
  if (quoted) throw new CsvError(`line ${line}: a quoted field is never closed`);
  if (cur !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

export function fromCsv(text: string): CsvRace {
  if (text.length > MAX_CSV_BYTES) throw new CsvError(`the file is larger than ${MAX_CSV_BYTES >> 20} MiB`);
  const rows = parseCsvRows(text.replace(/^\uFEFF/, '')).filter((r) => !(r.length === 1 && r[0] === ''));
  const header = rows.shift();
  if (!header || header.join(',') !== CSV_COLUMNS.join(',')) {
    throw new CsvError(`not a Wasm Dojo race: the first line must be ${CSV_COLUMNS.join(',')}`);
  }
  if (rows.length === 0) throw new CsvError('the file holds no runs');
  let label: string | undefined;
  const records = rows.map((cells, i): RunRecord => {
    const line = i + 2;
    if (cells.length !== CSV_COLUMNS.length) throw new CsvError(`line ${line}: expected ${CSV_COLUMNS.length} fields, found ${cells.length}`);
    const get = (col: (typeof CSV_COLUMNS)[number]) => cells[CSV_COLUMNS.indexOf(col)]!;
    const num = (col: (typeof CSV_COLUMNS)[number], { integer = false } = {}) => {
      const v = get(col);
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
        throw new CsvError(`line ${line}: ${col} must be a ${integer ? 'whole ' : ''}number ≥ 0, got "${v}"`);
      }
      return n;
    };
    const bool = (col: (typeof CSV_COLUMNS)[number]) => {
      const v = get(col);
      if (v !== 'true' && v !== 'false') throw new CsvError(`line ${line}: ${col} must be true or false, got "${v}"`);
      return v === 'true';
    };
    const module = get('module');
    if (label === undefined) label = module;
    else if (module !== label) throw new CsvError(`line ${line}: one race per file, but module changes from "${label}" to "${module}"`);
    const outcome = get('outcome') as RunRecord['outcome'];
    if (!OUTCOMES.has(outcome)) throw new CsvError(`line ${line}: outcome must be exit, trap, error or killed, got "${get('outcome')}"`);
    return {
      index: num('run', { integer: true }),
      warmup: bool('warmup'),
      outcome,
      exitCode: get('exit_code') === '' ? null : num('exit_code', { integer: true }),
      compileMs: num('compile_ms'),
      compileCached: bool('compile_cached'),
      instantiateMs: num('instantiate_ms'),
      runMs: num('run_ms'),
      endToEndMs: num('end_to_end_ms'),
      fromSpare: bool('from_spare'),
      memoryBytes: num('memory_bytes', { integer: true }),
    };
  });
  return { label: label ?? '', records };
}
