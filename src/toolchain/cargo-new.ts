/**
 * `cargo new` / `cargo init` (cargo 1.95): the crate cargo writes and the lines it prints. Followed from
 * cargo's src/cargo/ops/cargo_new.rs (`mk`: Cargo.toml with `[package]` name/version/edition and an empty
 * `[dependencies]`, src/main.rs or src/lib.rs, `.gitignore` with `/target` when it sets up git; the
 * `Creating` status `binary (application) \`NAME\` package` / `library \`NAME\` package`, `init` without
 * the name; the note pointing at the manifest reference; "destination `…` already exists"; "`cargo
 * init` cannot be run on existing Cargo packages") and cargo 1.95's default edition, 2024.
 */
import type { HostFs } from '../fs/types';
import { childPath } from '../fs/path';

export const DEFAULT_EDITION = '2024';

export const MAIN_RS = `fn main() {
    println!("Hello, world!");
}
`;

export const LIB_RS = `pub fn add(left: u64, right: u64) -> u64 {
    left + right
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_works() {
        let result = add(2, 2);
        assert_eq!(result, 4);
    }
}
`;

export function cargoToml(name: string): string {
  return `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "${DEFAULT_EDITION}"\n\n[dependencies]\n`;
}

export type NewOutcome = { ok: true; status: string; files: string[] } | { ok: false; error: string; help?: string };

/**
 * The package name cargo derives and checks (cargo's `check_name`, util/restricted_names.rs): the
 * first problem, worded as cargo words it, or null.
 */
export function checkCrateName(name: string): string | null {
  if (name === '') return 'package name cannot be empty';
  const first = name[0]!;
  if (/[0-9]/.test(first)) return `invalid character \`${first}\` in package name: \`${name}\`, the name cannot start with a digit`;
  const bad = [...name].find((c) => !/[A-Za-z0-9_-]/.test(c));
  if (bad !== undefined)
    return `invalid character \`${bad}\` in package name: \`${name}\`, characters must be Unicode XID characters (numbers, \`-\`, \`_\`, or most letters)`;
  if (['test', 'core', 'std', 'alloc', 'proc_macro', 'self', 'crate', 'super'].includes(name))
    return `the name \`${name}\` cannot be used as a package name, it conflicts with Rust's built-in library`;
  return null;
}

/** Writes the crate into `dir` (created for `new`, existing for `init`). */
export function scaffoldCrate(fs: HostFs, dir: string, name: string, opts: { lib: boolean; init: boolean }): NewOutcome {
  const err = checkCrateName(name);
  if (err) return { ok: false, error: err };
  if (!opts.init && fs.exists(dir))
    return { ok: false, error: `destination \`${dir}\` already exists`, help: 'Use `cargo init` to initialize the directory' };
  if (opts.init && fs.exists(childPath(dir, 'Cargo.toml'))) return { ok: false, error: '`cargo init` cannot be run on existing Cargo packages' };
  fs.mkdir(childPath(dir, 'src'), { recursive: true });
  const files = ['Cargo.toml'];
  fs.writeFile(childPath(dir, 'Cargo.toml'), cargoToml(name));
  const src = opts.lib ? 'src/lib.rs' : 'src/main.rs';
  // `init` keeps a source file that is already there.
  if (!fs.exists(childPath(dir, src))) {
    fs.writeFile(childPath(dir, src), opts.lib ? LIB_RS : MAIN_RS);
    files.push(src);
  }
  if (!fs.exists(childPath(dir, '.gitignore'))) {
    fs.writeFile(childPath(dir, '.gitignore'), '/target\n');
    files.push('.gitignore');
  }
  const kind = opts.lib ? 'library' : 'binary (application)';
  return { ok: true, status: opts.init ? `${kind} package` : `${kind} \`${name}\` package`, files };
}

/**
 * A Rust `main` that only prints fixed text with `println!("…")` / `print!("…")` (no format
 * arguments): the text, or null.
 */
export function rustFixedOutput(source: string): string | null {
  const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
  const main = /^\s*fn\s+main\s*\(\s*\)\s*\{([\s\S]*)\}\s*$/.exec(code);
  if (!main) return null;
  const call = /\s*(println|print)!\(\s*"((?:[^"\\\n{}]|\\.|\{\{|\}\})*)"\s*\)\s*;/y;
  let out = '';
  let at = 0;
  for (;;) {
    call.lastIndex = at;
    const m = call.exec(main[1]!);
    if (!m) break;
    const text = m[2]!
      .replace(/\{\{/g, '{')
      .replace(/\}\}/g, '}')
      .replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '0': '\0' })[c] ?? c);
    out += m[1] === 'println' ? `${text}\n` : text;
    at = call.lastIndex;
  }
  if (at === 0 || main[1]!.slice(at).trim() !== '') return null;
  return out;
}
