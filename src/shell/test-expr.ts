/**
 * The tests of `test`, `[` and `[[ ]]`: file tests against the machine's file system, string and
 * integer comparisons, with bash's error texts. `[[` adds pattern matching and `=~` (its caller
 * passes the pattern already expanded).
 */
import type { HostFs } from '../fs/types';

export interface TestEnv {
  fs: HostFs;
  resolve(path: string): string;
  isSet(name: string): boolean;
  option(name: string): boolean | undefined;
  /** Whether fd 0/1/2 is the terminal. */
  isTTY(fd: number): boolean;
}

export class TestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TestError';
  }
}

export const UNARY = new Set([
  '-e',
  '-a',
  '-f',
  '-d',
  '-s',
  '-r',
  '-w',
  '-x',
  '-L',
  '-h',
  '-p',
  '-S',
  '-b',
  '-c',
  '-g',
  '-u',
  '-k',
  '-O',
  '-G',
  '-N',
  '-t',
  '-z',
  '-n',
  '-o',
  '-v',
]);
export const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

export function unaryTest(op: string, arg: string, env: TestEnv): boolean {
  switch (op) {
    case '-z':
      return arg === '';
    case '-n':
      return arg !== '';
    case '-o':
      return env.option(arg) === true;
    case '-v':
      return env.isSet(arg);
    case '-t':
      return /^\d+$/.test(arg) && env.isTTY(Number(arg));
  }
  if (arg === '') return false;
  const abs = env.resolve(arg);
  const st = op === '-L' || op === '-h' ? env.fs.lstat(abs) : env.fs.stat(abs);
  if (!st) return false;
  switch (op) {
    case '-e':
    case '-a':
      return true;
    case '-f':
      return st.kind === 'file';
    case '-d':
      return st.kind === 'dir';
    case '-s':
      return st.size > 0 && st.kind !== 'chardev';
    case '-L':
    case '-h':
      return st.kind === 'symlink';
    case '-c':
      return st.kind === 'chardev';
    case '-r':
    case '-w':
      // The learner owns every file but /dev's, which are world-readable and writable.
      return true;
    case '-x':
      return st.kind === 'dir' || (st.kind === 'file' && /\.(sh|wasm)$|\/bin\//.test(abs));
    case '-O':
      return st.owner !== 'root';
    case '-G':
      return st.owner !== 'root';
    default:
      return false;
  }
}

/** An integer operand of `-eq` & co., or bash's error. */
function integer(text: string, bracket: boolean): bigint {
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) throw new TestError(bracket ? `${text}: integer expression expected` : `${text}: integer expression expected`);
  return BigInt(t);
}

export function binaryTest(op: string, a: string, b: string, env: TestEnv, bracket: boolean): boolean {
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '-nt':
    case '-ot': {
      const sa = env.fs.stat(env.resolve(a));
      const sb = env.fs.stat(env.resolve(b));
      if (op === '-nt') return !!sa && (!sb || sa.mtimeMs > sb.mtimeMs);
      return !!sb && (!sa || sa.mtimeMs < sb.mtimeMs);
    }
    case '-ef':
      return env.fs.exists(env.resolve(a)) && env.fs.realpath(env.resolve(a)) === env.fs.realpath(env.resolve(b));
  }
  const x = integer(a, bracket);
  const y = integer(b, bracket);
  switch (op) {
    case '-eq':
      return x === y;
    case '-ne':
      return x !== y;
    case '-lt':
      return x < y;
    case '-le':
      return x <= y;
    case '-gt':
      return x > y;
    case '-ge':
      return x >= y;
  }
  throw new TestError(`${op}: binary operator expected`);
}

/**
 * `test ARGS…` / `[ ARGS… ]` as POSIX defines it by argument count (bash does the same), with
 * `!`, `-a`, `-o` and parentheses beyond four arguments. Returns 0, 1, or throws TestError (status 2).
 */
export function runTest(args: string[], env: TestEnv): number {
  let pos = 0;
  const peek = () => args[pos];
  const expr = (): boolean => {
    let v = andExpr();
    while (peek() === '-o') {
      pos++;
      const r = andExpr();
      v = v || r;
    }
    return v;
  };
  const andExpr = (): boolean => {
    let v = notExpr();
    while (peek() === '-a') {
      pos++;
      const r = notExpr();
      v = v && r;
    }
    return v;
  };
  const notExpr = (): boolean => {
    if (peek() === '!' && args.length - pos > 1) {
      pos++;
      return !notExpr();
    }
    return primary();
  };
  const primary = (): boolean => {
    const a = peek();
    if (a === undefined) throw new TestError('argument expected');
    if (a === '(' && args.length - pos > 1) {
      pos++;
      const v = expr();
      if (peek() !== ')') throw new TestError("`)' expected");
      pos++;
      return v;
    }
    const b = args[pos + 1];
    if (b !== undefined && BINARY.has(b) && args[pos + 2] !== undefined) {
      pos += 3;
      return binaryTest(b, a, args[pos - 1]!, env, true);
    }
    if (UNARY.has(a) && b !== undefined) {
      pos += 2;
      return unaryTest(a, b, env);
    }
    pos++;
    return a !== '';
  };
  const n = args.length;
  let v: boolean;
  // POSIX's rules by number of arguments come first.
  if (n === 0) return 1;
  if (n === 1) v = args[0] !== '';
  else if (n === 2) {
    if (args[0] === '!') v = args[1] === '';
    else if (UNARY.has(args[0]!)) v = unaryTest(args[0]!, args[1]!, env);
    else throw new TestError(`${args[0]}: unary operator expected`);
  } else if (n === 3 && BINARY.has(args[1]!)) v = binaryTest(args[1]!, args[0]!, args[2]!, env, true);
  else if (n === 3 && args[0] === '!') v = !runTestBool(args.slice(1), env);
  else if (n === 3 && args[0] === '(' && args[2] === ')') v = args[1] !== '';
  else if (n === 3 && (args[1] === '-a' || args[1] === '-o'))
    v = args[1] === '-a' ? args[0] !== '' && args[2] !== '' : args[0] !== '' || args[2] !== '';
  else {
    v = expr();
    if (pos < n) throw new TestError(n === 3 ? `${args[1]}: binary operator expected` : 'too many arguments');
  }
  return v ? 0 : 1;
}

function runTestBool(args: string[], env: TestEnv): boolean {
  return runTest(args, env) === 0;
}
