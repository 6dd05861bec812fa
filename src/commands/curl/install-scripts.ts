/**
 * The install one-liners of the tools' docs (`curl -fsSL https://wasmtime.dev/install.sh | bash`):
 * the Dojo is offline and the tools are installed already, so curl "downloads" a stand-in script
 * whose only effect, piped into `bash`, is one `dojo:` line saying so. Read with `curl URL` alone,
 * it says the same in its comment.
 */
const TOOLS: Array<{ tool: string; match: RegExp }> = [
  { tool: 'wasmtime', match: /^https?:\/\/wasmtime\.dev\/install\.sh$/ },
  { tool: 'wasmedge', match: /^https?:\/\/raw\.githubusercontent\.com\/WasmEdge\/WasmEdge\/[^/]+\/utils\/install(_v2)?\.sh$/ },
  { tool: 'spin', match: /^https?:\/\/(developer\.fermyon\.com|spinframework\.dev|wasm-functions\.fermyon\.app)\/downloads\/install\.sh$/ },
  { tool: 'wkg', match: /^https?:\/\/raw\.githubusercontent\.com\/bytecodealliance\/wasm-pkg-tools\/[^/]+\/install\.sh$/ },
  { tool: 'rustup', match: /^https?:\/\/sh\.rustup\.rs\/?$/ },
  { tool: 'helm', match: /^https?:\/\/raw\.githubusercontent\.com\/helm\/helm\/[^/]+\/scripts\/get-helm-3$/ },
];

/** The stand-in script for a known installer URL, or undefined. */
export function installScript(url: string): string | undefined {
  const hit = TOOLS.find((t) => t.match.test(url));
  if (!hit) return undefined;
  const line = `dojo: ${hit.tool} is already installed here (see \`which ${hit.tool}\`); the Dojo is offline, so nothing was downloaded`;
  return [
    '#!/bin/sh',
    `# Wasm Dojo's stand-in for ${url}`,
    `# ${line.slice('dojo: '.length)}.`,
    `if [ -t 2 ]; then echo $'\\e[2m${line}\\e[0m' >&2; else echo '${line}' >&2; fi`,
    '',
  ].join('\n');
}
