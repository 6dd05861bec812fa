/**
 * `curl` (as curl 8.5.0 prints things) against the Dojo's loopback network, where `spin up` serves.
 * Nothing leaves the browser: a local port with no server fails with curl's exit 7, any other host with
 * exit 6 (the Dojo is offline). Supports -i -I -v -s -S -X -H -d/--data* -o -L -f -A -w.
 */
import { installScript } from './install-scripts';
import { normaliseHost } from '../../machine/network';
import type { HttpResponse } from '../../net/http';
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { type CommandSpec, type FlagDecl, parseArgv, toFlagSpecs } from '../cli/spec';

export const CURL_VERSION = '8.5.0';

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  418: "I'm a teapot",
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";

interface CurlOptions {
  url?: string;
  method?: string;
  headers: Array<[string, string | null]>;
  data: string[];
  dataGiven: boolean;
  include: boolean;
  head: boolean;
  verbose: boolean;
  silent: boolean;
  showError: boolean;
  output?: string;
  location: boolean;
  fail: boolean;
  userAgent?: string;
  writeOut?: string;
}

/**
 * curl's options the Dojo reads, declared once (curl 8.5.0 src/tool_listhelp.c words): the parser,
 * the shell's completion and `key` (what each sets) come from here. curl clusters short options,
 * takes a short's value glued or next, and reads `--name value` or `--name=value`.
 */
const CURL_FLAGS: FlagDecl[] = [
  { short: 'i', long: 'include', help: 'Include protocol response headers in the output' },
  { short: 'I', long: 'head', help: 'Show document info only' },
  { short: 'v', long: 'verbose', help: 'Make the operation more talkative' },
  { short: 's', long: 'silent', help: 'Silent mode' },
  { short: 'S', long: 'show-error', help: 'Show error even when -s is used' },
  { short: 'X', long: 'request', value: '<method>', key: 'X', help: 'Specify request method to use' },
  { short: 'H', long: 'header', value: '<header/@file>', key: 'H', help: 'Pass custom header(s) to server' },
  { short: 'd', long: 'data', value: '<data>', key: 'd', help: 'HTTP POST data' },
  { long: 'data-ascii', value: '<data>', key: 'd', help: 'HTTP POST ASCII data' },
  { long: 'data-raw', value: '<data>', key: 'd-raw', help: "HTTP POST data, '@' allowed" },
  { long: 'data-binary', value: '<data>', key: 'd-binary', help: 'HTTP POST binary data' },
  { long: 'data-urlencode', value: '<data>', key: 'd-urlencode', help: 'HTTP POST data URL encoded' },
  { short: 'o', long: 'output', value: '<file>', key: 'o', help: 'Write to file instead of stdout' },
  { short: 'A', long: 'user-agent', value: '<name>', key: 'A', help: 'Send User-Agent <name> to server' },
  { short: 'w', long: 'write-out', value: '<format>', key: 'w', help: 'Use output FORMAT after completion' },
  { long: 'url', value: '<url>', key: 'url', help: 'URL to work with' },
  { short: 'm', long: 'max-time', value: '<seconds>', key: 'm', help: 'Maximum time allowed for transfer' },
  { short: 'e', long: 'referer', value: '<URL>', key: 'e', help: 'Referrer URL' },
  { short: 'u', long: 'user', value: '<user:password>', key: 'u', help: 'Server user and password' },
  { short: 'L', long: 'location', help: 'Follow redirects' },
  { short: 'f', long: 'fail', help: 'Fail fast with no output on HTTP errors' },
  { short: 'h', long: 'help', help: 'Get help for commands' },
  { short: 'V', long: 'version', help: 'Show version number and quit' },
  { short: 'k', long: 'insecure', help: 'Allow insecure server connections' },
  { long: 'compressed', help: 'Request compressed response' },
  { long: 'no-progress-meter', key: 'no-progress', help: 'Do not show the progress meter' },
];
const CURL_SPEC: CommandSpec = { name: 'curl', about: 'transfer a URL', flags: CURL_FLAGS };
const SHORT_KEY: Record<string, string> = {
  include: 'i',
  head: 'I',
  verbose: 'v',
  silent: 's',
  'show-error': 'S',
  location: 'L',
  fail: 'f',
  help: 'h',
  version: 'V',
  insecure: 'k',
};

type Parsed = { ok: true; opts: CurlOptions; noProgress: boolean; help: boolean; version: boolean } | { ok: false; message: string };

function parseCurlArgs(argv: string[], readFile: (p: string) => string | null): Parsed {
  const opts: CurlOptions = {
    headers: [],
    data: [],
    dataGiven: false,
    include: false,
    head: false,
    verbose: false,
    silent: false,
    showError: false,
    location: false,
    fail: false,
  };
  let noProgress = false;
  let help = false;
  let version = false;
  const applyValue = (key: string, value: string): string | null => {
    switch (key) {
      case 'X':
        opts.method = value;
        break;
      case 'H': {
        const colon = value.indexOf(':');
        if (colon <= 0) break; // curl ignores a header without a colon
        const name = value.slice(0, colon).trim();
        const v = value.slice(colon + 1).trim();
        opts.headers.push([name, v === '' && value.trimEnd().endsWith(':') ? null : v]);
        break;
      }
      case 'd':
      case 'd-raw':
      case 'd-binary':
      case 'd-urlencode': {
        opts.dataGiven = true;
        let v = value;
        if (key !== 'd-raw' && v.startsWith('@')) {
          const content = readFile(v.slice(1));
          if (content === null) return `Warning: Couldn't read data from file "${v.slice(1)}", this makes an empty POST.`;
          v = key === 'd-binary' ? content : content.replace(/[\r\n]/g, '');
        }
        if (key === 'd-urlencode') {
          const eq = v.indexOf('=');
          v = eq >= 0 ? `${v.slice(0, eq + 1)}${encodeURIComponent(v.slice(eq + 1))}` : encodeURIComponent(v);
        }
        opts.data.push(v);
        break;
      }
      case 'o':
        opts.output = value;
        break;
      case 'A':
        opts.userAgent = value;
        break;
      case 'w':
        opts.writeOut = value;
        break;
      case 'url':
        opts.url = value;
        break;
      default:
        break; // accepted and ignored: -m, -e, -u
    }
    return null;
  };
  const applyBool = (key: string) => {
    switch (key) {
      case 'i':
        opts.include = true;
        break;
      case 'I':
        opts.head = true;
        break;
      case 'v':
        opts.verbose = true;
        break;
      case 's':
        opts.silent = true;
        break;
      case 'S':
        opts.showError = true;
        break;
      case 'L':
        opts.location = true;
        break;
      case 'f':
        opts.fail = true;
        break;
      case 'h':
        help = true;
        break;
      case 'V':
        version = true;
        break;
      case 'no-progress':
        noProgress = true;
        break;
      default:
        break;
    }
  };
  const warnings: string[] = [];
  const outcome = parseArgv(CURL_SPEC, argv, { clusterShorts: true, permute: true });
  if (!outcome.ok) {
    const e = outcome.error;
    if (e.kind === 'missing-value') return { ok: false, message: `curl: option ${e.arg}: requires parameter\n${TRY}` };
    return { ok: false, message: `curl: option ${e.kind === 'unknown' ? (e.cluster ?? e.arg) : e.arg}: is unknown\n${TRY}` };
  }
  // In the order typed: headers and data accumulate, the last method or output wins.
  for (const { key, value } of outcome.parsed.order) {
    if (value === undefined) applyBool(SHORT_KEY[key] ?? key);
    else {
      const w = applyValue(key, value);
      if (w) warnings.push(w);
    }
  }
  const urls = [...outcome.parsed.positionals, ...outcome.parsed.rest];
  if (urls.length) opts.url = urls[urls.length - 1];
  if (warnings.length) return { ok: false, message: warnings.join('\n') + '\n' };
  return { ok: true, opts, noProgress, help, version };
}

const HELP = `Usage: curl [options...] <url>
 -d, --data <data>          HTTP POST data
 -f, --fail                 Fail fast with no output on HTTP errors
 -h, --help <category>      Get help for commands
 -i, --include              Include protocol response headers in the output
 -o, --output <file>        Write to file instead of stdout
 -O, --remote-name          Write output to a file named as the remote file
 -s, --silent               Silent mode
 -T, --upload-file <file>   Transfer local FILE to destination
 -u, --user <user:password> Server user and password
 -A, --user-agent <name>    Send User-Agent <name> to server
 -v, --verbose              Make the operation more talkative
 -V, --version              Show version number and quit

This is not the full help, this menu is stripped into categories.
Use "--help category" to get an overview of all categories.
For all options use the manual or "--help all".

dojo: requests go to apps served in the Dojo (\`spin up\`); the Dojo is offline, so other hosts fail.
`;

function formatSize(n: number): string {
  if (n < 100000) return String(n).padStart(5);
  if (n < 10000 * 1024) return `${Math.round(n / 1024)}k`.padStart(5);
  return `${Math.round(n / 1024 / 1024)}M`.padStart(5);
}

/** curl's progress meter, as printed when output is not the terminal and -s is not given. */
function progressMeter(bytes: number, ms: number): string {
  const speed = Math.round((bytes * 1000) / Math.max(ms, 1));
  const pct = bytes === 0 ? '  0' : '100';
  return (
    '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
    '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
    `${pct} ${formatSize(bytes)}  ${pct} ${formatSize(bytes)}    0     0  ${formatSize(speed)}      0 --:--:-- --:--:-- --:--:-- ${formatSize(speed)}\n`
  );
}

function writeOutFormat(fmt: string, info: { code: number; size: number; type: string; url: string; ms: number }): string {
  return fmt
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t')
    .replace(/%\{(\w+)\}/g, (whole, name: string) => {
      switch (name) {
        case 'http_code':
        case 'response_code':
          return String(info.code).padStart(3, '0');
        case 'size_download':
          return String(info.size);
        case 'content_type':
          return info.type;
        case 'url_effective':
          return info.url;
        case 'time_total':
          return (info.ms / 1000).toFixed(6);
        default:
          return whole;
      }
    });
}

const encoder = new TextEncoder();

export async function runCurl(ctx: CommandContext): Promise<number> {
  // `-d @-` reads the request body from stdin (read up front: argument parsing is synchronous).
  const stdinText = ctx.argv.some((a) => a.endsWith('@-')) ? new TextDecoder().decode(await ctx.stdin.readAll()) : '';
  const parsed = parseCurlArgs(ctx.argv.slice(1), (p) => {
    try {
      return p === '-' ? stdinText : ctx.fs.readText(ctx.shell.resolvePath(p));
    } catch {
      return null;
    }
  });
  if (!parsed.ok) {
    ctx.stderr.write(parsed.message);
    return 2;
  }
  const { opts } = parsed;
  if (parsed.help) {
    ctx.stdout.write(HELP);
    return 0;
  }
  if (parsed.version) {
    ctx.stdout.write(
      `curl ${CURL_VERSION} (x86_64-pc-linux-gnu) libcurl/${CURL_VERSION}\nRelease-Date: 2023-12-06\nProtocols: http https\nFeatures: IPv6 Largefile\n`,
    );
    return 0;
  }
  const fail = (code: number, message: string): number => {
    if (!opts.silent || opts.showError) ctx.stderr.write(`curl: (${code}) ${message}\n`);
    return code;
  };
  if (!opts.url) {
    ctx.stderr.write(`curl: no URL specified!\n${TRY}`);
    return 2;
  }

  let urlText = opts.url;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(urlText)) urlText = `http://${urlText}`;
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    return fail(3, 'URL rejected: Malformed input to a URL function');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return fail(1, `Protocol "${url.protocol.replace(':', '')}" not supported`);
  }

  const installer = installScript(url.href);
  if (installer !== undefined && (opts.method ?? 'GET') === 'GET') {
    // A tool's install script (`curl … | bash`): the tools are installed already (install-scripts.ts).
    return writeBody(ctx, opts, encoder.encode(installer)) ? 0 : 23;
  }

  const network = ctx.services.machine.network;
  const started = Date.now();
  const verbose = (s: string) => opts.verbose && ctx.stderr.write(s);
  let method = opts.method ?? (opts.head ? 'HEAD' : opts.dataGiven ? 'POST' : 'GET');
  let body: Uint8Array = encoder.encode(opts.data.join('&'));
  let redirects = 0;
  let response: HttpResponse;
  const showProgress = !opts.silent && !parsed.noProgress && !opts.verbose && (opts.output !== undefined || !ctx.stdout.isTTY);

  for (;;) {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    const local = normaliseHost(host) === '127.0.0.1' || host === '0.0.0.0';
    if (!local) {
      verbose(`* Could not resolve host: ${host}\n* Closing connection\n`);
      return fail(6, `Could not resolve host: ${host}`);
    }
    const ips = host === 'localhost' ? ['::1', '127.0.0.1'] : [host];
    const listener = network.lookup(host, port);
    if (!listener) {
      for (const ip of ips) {
        verbose(`*   Trying ${ip.includes(':') ? `[${ip}]` : ip}:${port}...\n`);
        verbose(`* connect to ${ip} port ${port} from ${ip} port ${50000 + (port % 1000)} failed: Connection refused\n`);
      }
      verbose(`* Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server\n* Closing connection\n`);
      return fail(7, `Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`);
    }
    const ip = host === 'localhost' ? '127.0.0.1' : host;
    if (host === 'localhost') verbose(`*   Trying [::1]:${port}...\n* connect to ::1 port ${port} from ::1 port 50012 failed: Connection refused\n`);
    verbose(`*   Trying ${ip}:${port}...\n* Connected to ${host} (${ip}) port ${port}\n`);

    // Request headers: curl's defaults, then -H (which may replace or, with "Name:", remove them).
    const hostHeader = url.port ? `${url.hostname}:${url.port}` : url.hostname;
    const headers: Array<[string, string]> = [
      ['Host', hostHeader],
      ['User-Agent', opts.userAgent ?? `curl/${CURL_VERSION}`],
      ['Accept', '*/*'],
    ];
    if (body.length > 0 && method !== 'GET' && method !== 'HEAD') {
      headers.push(['Content-Length', String(body.length)]);
      headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
    }
    for (const [name, value] of opts.headers) {
      const i = headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
      if (value === null) {
        if (i >= 0) headers.splice(i, 1);
      } else if (i >= 0) headers[i] = [name, value];
      else headers.push([name, value]);
    }
    const path = `${url.pathname}${url.search}`;
    verbose(`> ${method} ${path} HTTP/1.1\n${headers.map(([n, v]) => `> ${n}: ${v}\n`).join('')}> \n`);

    const res = await network.request(host, port, {
      method,
      url: url.href,
      headers,
      body: method === 'GET' || method === 'HEAD' ? new Uint8Array() : body,
    });
    if (!res) return fail(7, `Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`);
    response = res;

    const location = res.headers.find(([n]) => n.toLowerCase() === 'location')?.[1];
    const statusLine = `HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ''}`.trimEnd();
    verbose(`< ${statusLine}\n${res.headers.map(([n, v]) => `< ${n}: ${v}\n`).join('')}< \n`);
    if (opts.include || opts.head) {
      const block = `${statusLine}\r\n${res.headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`;
      writeBody(ctx, opts, encoder.encode(block));
    }
    if (opts.location && location && res.status >= 300 && res.status < 400 && redirects < 50) {
      redirects++;
      verbose(`* Connection #0 to host ${host} left intact\n* Issue another request to this URL: '${new URL(location, url).href}'\n`);
      url = new URL(location, url);
      if (res.status === 301 || res.status === 302 || res.status === 303) {
        if (method === 'POST' || res.status === 303) method = opts.method && res.status !== 303 ? method : 'GET';
        body = new Uint8Array();
      }
      continue;
    }
    verbose(`* Connection #0 to host ${host} left intact\n`);
    break;
  }

  if (opts.fail && response.status >= 400) {
    return fail(22, `The requested URL returned error: ${response.status}`);
  }
  if (!opts.head) {
    const ok = writeBody(ctx, opts, response.body);
    if (!ok) return fail(23, 'Failure writing output to destination');
  }
  if (showProgress) ctx.stderr.write(progressMeter(response.body.length, Date.now() - started));
  if (opts.writeOut) {
    const type = response.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? '';
    ctx.stdout.write(
      writeOutFormat(opts.writeOut, { code: response.status, size: response.body.length, type, url: url.href, ms: Date.now() - started }),
    );
  }
  return 0;
}

/** Body (or -i headers) to stdout, or to -o FILE (created on the first write, appended after). */
const outputStarted = new WeakMap<CurlOptions, boolean>();
function writeBody(ctx: CommandContext, opts: CurlOptions, bytes: Uint8Array): boolean {
  if (opts.output === undefined || opts.output === '-') {
    ctx.stdout.write(bytes);
    return true;
  }
  const path = ctx.shell.resolvePath(opts.output);
  try {
    const append = outputStarted.get(opts) === true;
    ctx.fs.writeFile(path, bytes, { append });
    outputStarted.set(opts, true);
    return true;
  } catch {
    if (!opts.silent || opts.showError) ctx.stderr.write(`Warning: Failed to open the file ${opts.output}: No such file or directory\n`);
    return false;
  }
}

export const curlCommand: CommandDefinition = {
  name: 'curl',
  summary: 'transfer a URL (talks to apps served in the Dojo)',
  usage: 'curl [options...] <url>',
  flags: toFlagSpecs(CURL_SPEC),
  async run(ctx) {
    try {
      return await runCurl(ctx);
    } catch (err) {
      ctx.stderr.write(`curl: (2) ${err instanceof Error ? err.message : String(err)}\n`);
      return 2;
    }
  },
};
