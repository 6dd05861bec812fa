/**
 * A stand-in that answers what the project's code says. The Dojo compiles nothing, but a template's
 * handler is one fixed reply (`.body("Hello, Fermyon")`, `fmt.Fprintln(w, "Hello from Go!")`,
 * `res.send('Hello from TypeScript!')`...), so the simulated build reads that reply from the source and
 * emits a real, minimal WASI command that writes it in Spin's WAGI form: `content-type: …`, a blank
 * line, the body. Edit the text in the source, build again, and curl gets the new text; any other
 * change to the code has no effect (the build's dojo: line says so).
 */
import { stripComments } from './stand-in';

export interface SourceReply {
  body: string;
  contentType: string;
  /** The source file the reply was read from. */
  path: string;
}

/** The body of a string literal, with the escapes the template languages share (\n \t \" \' \\ \r). */
function unescape(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) => (({ n: '\n', t: '\t', r: '\r', '0': '\0' }) as Record<string, string>)[c] ?? c);
}

const STR = String.raw`"((?:[^"\\\n]|\\.)*)"`;
const STR1 = String.raw`'((?:[^'\\\n]|\\.)*)'`;

/** Per language: the reply call, whether it appends a newline. */
const REPLIES: Array<{ ext: RegExp; pattern: RegExp; newline: boolean }> = [
  // Rust (spin_sdk): Response::builder()...body("...")
  { ext: /\.rs$/, pattern: new RegExp(String.raw`\.body\(\s*${STR}\s*\)`), newline: false },
  // Rust Workers (workers-rs): Response::ok("..."); Fastly Compute Rust: Response::from_body("...") / .with_body("...")
  { ext: /\.rs$/, pattern: new RegExp(String.raw`\bResponse::(?:ok|from_body)\(\s*${STR}\s*\)`), newline: false },
  { ext: /\.rs$/, pattern: new RegExp(String.raw`\.with_body\(\s*${STR}\s*\)`), newline: false },
  // Go (net/http): fmt.Fprintln(w, "...") / fmt.Fprint(w, "...")
  { ext: /\.go$/, pattern: new RegExp(String.raw`fmt\.Fprintln\(\s*\w+\s*,\s*${STR}\s*\)`), newline: true },
  { ext: /\.go$/, pattern: new RegExp(String.raw`fmt\.Fprint\(\s*\w+\s*,\s*${STR}\s*\)`), newline: false },
  // JavaScript / TypeScript (spin-js-sdk): res.send('...') or res.send("...")
  { ext: /\.[jt]s$/, pattern: new RegExp(String.raw`\bres\.send\(\s*(?:${STR1}|${STR})\s*\)`), newline: false },
  // Workers / Fastly JavaScript: new Response('...') or new Response("...")
  { ext: /\.[jt]s$/, pattern: new RegExp(String.raw`\bnew Response\(\s*(?:${STR1}|${STR})\s*[,)]`), newline: false },
  // Python (spin-sdk): Response(200, {...}, bytes("...", "utf-8"))
  { ext: /\.py$/, pattern: new RegExp(String.raw`\bbytes\(\s*${STR}\s*,\s*"utf-8"\s*\)`), newline: false },
];

const CONTENT_TYPE = /["']content-type["']\s*[,:]\s*["']([^"'\n]+)["']/i;

/**
 * The one fixed reply the handler code gives, if the project has exactly one (a handler that computes
 * its answer, or several candidate replies, gives null: then no source-derived stand-in is made).
 */
export function sourceReply(sources: ReadonlyArray<{ path: string; text: string }>): SourceReply | null {
  const found: SourceReply[] = [];
  for (const src of sources) {
    const text = stripComments(src.text);
    for (const r of REPLIES) {
      if (!r.ext.test(src.path)) continue;
      const all = [...text.matchAll(new RegExp(r.pattern.source, 'g'))];
      for (const m of all) {
        const literal = m[1] ?? m[2] ?? '';
        if (literal.length > 16 * 1024) return null;
        const type = CONTENT_TYPE.exec(text)?.[1] ?? 'text/plain';
        found.push({ body: unescape(literal) + (r.newline ? '\n' : ''), contentType: type, path: src.path });
      }
      if (all.length) break;
    }
  }
  return found.length === 1 ? found[0]! : null;
}

// The module builder is shared with the registry's seeds (a layer below the toolchain).
export { outputModule, replyModule } from '../lib/wasi-output-module';
