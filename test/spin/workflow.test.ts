/**
 * The learner workflow, end to end in Node with the real engine and real modules:
 * spin new -> spin build -> spin up -> curl, outbound least privilege, manifest errors, registry push.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { curlCommand } from '../../src/commands/curl';
import { spinCommand, SPIN_VERSION_LINE } from '../../src/commands/spin';
import { fgCommand, jobsCommand, killCommand } from '../../src/shell/job-builtins';
import { WasmerEngine } from '../../src/runtime/wasmer-engine';
import { pullSpinApp } from '../../src/registry/artifacts/spin-app';
import { cargoCommand } from '../../src/commands/cargo';
import { makeSpinRig, stopAllRigJobs } from './rig';

const engine = new WasmerEngine();
beforeAll(() => engine.ready());
afterEach(() => stopAllRigJobs());

const spin = (rig: ReturnType<typeof makeSpinRig>, ...args: string[]) => rig.exec(spinCommand, ['spin', ...args]);
const curl = (rig: ReturnType<typeof makeSpinRig>, ...args: string[]) => rig.exec(curlCommand, ['curl', ...args], { tty: true });

/**
 * http-rust's my-api, built and served. `echo` (default) makes the component the wagi-hello module, which
 * echoes what it was asked (method, path, query, headers, body), through the manifest's
 * `[component.my-api.tool.dojo]`; without it the build answers what src/lib.rs returns.
 */
async function scaffoldBuildServe(rig: ReturnType<typeof makeSpinRig>, opts: { echo?: boolean } = {}) {
  expect(await spin(rig, 'new', '-t', 'http-rust', 'my-api', '--accept-defaults')).toEqual({ code: 0, stdout: '', stderr: '' });
  rig.cwd = '/home/learner/my-api';
  if (opts.echo ?? true) {
    const toml = '/home/learner/my-api/spin.toml';
    rig.fs.writeFile(toml, `${rig.fs.readText(toml)}[component.my-api.tool.dojo]\nmodule = "wagi-hello"\n`);
  }
  const build = await spin(rig, 'build');
  expect(build.code).toBe(0);
  const up = await spin(rig, 'up');
  expect(up.code).toBe(0);
  return { build, up };
}

describe('spin new / build / up / curl', () => {
  it('spin --version prints Spin 3.0.0 build info', async () => {
    const rig = makeSpinRig(engine);
    expect(await spin(rig, '--version')).toEqual({ code: 0, stdout: `${SPIN_VERSION_LINE}\n`, stderr: '' });
    expect(SPIN_VERSION_LINE).toBe('spin 3.0.0 (737778e9 2024-11-07)');
  });

  it("spin build reads Cargo.toml as `cargo build` does: a broken manifest fails with cargo's error", async () => {
    const rig = makeSpinRig(engine);
    expect((await spin(rig, 'new', '-t', 'http-rust', 'my-api', '--accept-defaults')).code).toBe(0);
    rig.fs.writeFile('/home/learner/my-api/Cargo.toml', '[package]\nversion = "0.1.0"\n');
    rig.cwd = '/home/learner/my-api';
    const build = await spin(rig, 'build');
    expect(build.code).not.toBe(0);
    expect(build.stderr).toContain('error: failed to parse manifest at `/home/learner/my-api/Cargo.toml`\n\nCaused by:\n  missing field `name`\n');
  });

  it('one toolchain, one answer: a build command with wasm32-wasi fails in spin build exactly as cargo typed by hand', async () => {
    const rig = makeSpinRig(engine);
    expect((await spin(rig, 'new', '-t', 'http-rust', 'my-api', '--accept-defaults')).code).toBe(0);
    rig.cwd = '/home/learner/my-api';
    const toml = rig.fs.readText('/home/learner/my-api/spin.toml');
    rig.fs.writeFile(
      '/home/learner/my-api/spin.toml',
      toml.replace('cargo build --target wasm32-wasip1 --release', 'cargo build --target wasm32-wasi --release'),
    );
    const byHand = await rig.exec(cargoCommand, ['cargo', 'build', '--target', 'wasm32-wasi', '--release']);
    expect(byHand.code).toBe(101);
    expect(byHand.stderr).toContain('could not find specification for target "wasm32-wasi"');
    expect(byHand.stderr).toMatch(/\ndojo: wasm32-wasi was renamed wasm32-wasip1 in Rust 1\.78 and removed in 1\.84/);
    const build = await spin(rig, 'build');
    expect(build.code).toBe(1);
    // cargo's own output (and its dojo: hint) as spin build's child prints it, then Spin's error line.
    expect(build.stderr).toBe(`${byHand.stderr}Error: Build command for component my-api failed with status Exited(101)\n`);
    expect(build.stdout).not.toContain('Finished building');
  });

  it("spin up writes each component's stdio logs to .spin/logs/ as Spin 3 does", async () => {
    const rig = makeSpinRig(engine);
    await scaffoldBuildServe(rig);
    const logs = '/home/learner/my-api/.spin/logs';
    // Spin opens the files when a component instance is prepared, i.e. at the first request.
    expect(rig.fs.readdir(logs)).toEqual([]);
    expect((await curl(rig, '-s', 'http://127.0.0.1:3000/hello')).code).toBe(0);
    expect(rig.fs.readdir(logs)).toEqual(['my-api_stderr.txt', 'my-api_stdout.txt']);
    expect(rig.fs.readText(`${logs}/my-api_stderr.txt`)).toBe('');
    // A component's stderr is appended there (and echoed on the server's terminal).
    rig.fs.writeFile(
      '/home/learner/err.wat',
      '(module (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32))) (memory (export "memory") 1) (data (i32.const 16) "oops\\n") (func (export "_start") (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 5)) (drop (call $w (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 8)))))',
    );
    const { watToWasm } = await import('../../src/runtime/wat');
    rig.fs.writeFile(
      '/home/learner/my-api/target/wasm32-wasip1/release/my_api.wasm',
      await watToWasm(rig.fs.readText('/home/learner/err.wat'), 'err.wat'),
    );
    await rig.exec(killCommand, ['kill', '%1']);
    expect((await spin(rig, 'up', '--quiet')).code).toBe(0);
    await curl(rig, '-s', 'http://127.0.0.1:3000/');
    await curl(rig, '-s', 'http://127.0.0.1:3000/');
    expect(rig.fs.readText(`${logs}/my-api_stderr.txt`)).toBe('oops\noops\n');
  });

  it('spin up --follow with an unknown component lists what exists, as Spin does', async () => {
    const rig = makeSpinRig(engine);
    await spin(rig, 'new', '-t', 'http-rust', 'my-api', '--accept-defaults');
    rig.cwd = '/home/learner/my-api';
    await spin(rig, 'build');
    expect(await spin(rig, 'up', '--follow', 'nope')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Error: The following component(s) specified in --follow do not exist in the application:\n  - nope\nThe following components exist:\n  - my-api\n',
    });
  });

  it('spin build without the wasm32-wasip1 std fails as cargo does (E0463), and builds after rustup target add', async () => {
    const rig = makeSpinRig(engine, { rustTarget: false });
    expect((await spin(rig, 'new', '-t', 'http-rust', 'my-api', '--accept-defaults')).code).toBe(0);
    rig.cwd = '/home/learner/my-api';
    const byHand = await rig.exec(cargoCommand, ['cargo', 'build', '--target', 'wasm32-wasip1', '--release']);
    expect(byHand.code).toBe(101);
    const build = await spin(rig, 'build');
    expect(build.stderr).toBe(`${byHand.stderr}Error: Build command for component my-api failed with status Exited(101)\n`);
    expect(build.stderr).toContain("error[E0463]: can't find crate for `std`");
  });

  it('the scaffold answers what its src/lib.rs returns, and a changed reply after a rebuild', async () => {
    const rig = makeSpinRig(engine);
    const { build } = await scaffoldBuildServe(rig, { echo: false });
    expect(build.stdout).toContain(
      'dojo: simulated build, nothing was compiled: target/wasm32-wasip1/release/my_api.wasm <- a module that answers "Hello, Fermyon", the reply in src/lib.rs; only that text comes from your code\n',
    );
    const res = await curl(rig, '-i', 'http://127.0.0.1:3000/hello');
    expect(res.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\ncontent-type: text\/plain\r\ncontent-length: 14\r\ndate: .+ GMT\r\n\r\nHello, Fermyon$/);
    const lib = '/home/learner/my-api/src/lib.rs';
    rig.fs.writeFile(lib, rig.fs.readText(lib).replace('"Hello, Fermyon"', '"Hello, Dojo\\n"'));
    await rig.exec(killCommand, ['kill', '%1']);
    expect((await spin(rig, 'build')).code).toBe(0);
    expect((await spin(rig, 'up')).code).toBe(0);
    expect((await curl(rig, '-s', 'http://127.0.0.1:3000/')).stdout).toBe('Hello, Dojo\n');
    // A handler that computes its reply has no one text to take: the hello stand-in, and the build says so.
    rig.fs.writeFile(lib, 'fn handle(req: Request) -> Response { Response::new(200, format!("{}", req.path())) }\n');
    expect((await spin(rig, 'build')).stdout).toContain('<- wagi-hello.wasm; edits to your source do not change the module\n');
  });

  it("scaffolds, builds (simulated) and serves; curl shows the real component's answer", async () => {
    const rig = makeSpinRig(engine);
    const { build, up } = await scaffoldBuildServe(rig);
    expect(rig.fs.readdir('/home/learner/my-api')).toEqual(['.gitignore', '.spin', 'Cargo.toml', 'spin.toml', 'src', 'target']);
    expect(build.stdout).toContain('Building component my-api with `cargo build --target wasm32-wasip1 --release`\n');
    expect(build.stderr).toContain('   Compiling my-api v0.1.0 (/home/learner/my-api)\n');
    expect(build.stdout).toContain('Finished building all Spin components\n');
    expect(build.stdout).toMatch(/dojo: simulated build/);
    expect(rig.fs.stat('/home/learner/my-api/target/wasm32-wasip1/release/my_api.wasm')?.kind).toBe('file');

    expect(
      up.stdout.startsWith(
        'Logging component stdio to ".spin/logs/"\n\nServing http://127.0.0.1:3000\nAvailable Routes:\n  my-api: http://127.0.0.1:3000 (wildcard)\n',
      ),
    ).toBe(true);
    expect(up.stdout).toMatch(/dojo: serving in the background as job \[1\]/);

    const res = await curl(rig, 'http://localhost:3000/hello');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('Hello from Wasm! You asked for GET /hello\nUser-Agent: curl/8.5.0\nRequest headers seen: 3\n');

    const inc = await curl(rig, '-i', 'http://127.0.0.1:3000/hello?x=1');
    expect(inc.stdout).toMatch(
      /^HTTP\/1\.1 200 OK\r\ncontent-type: text\/plain\r\ncontent-length: \d+\r\ndate: .+ GMT\r\n\r\nHello from Wasm! You asked for GET \/hello\nQuery string: x=1\n/,
    );

    const post = await curl(rig, '-s', '-X', 'POST', '-H', 'Content-Type: application/json', '-d', '{"a":1}', 'localhost:3000/items');
    expect(post.stdout).toContain('You asked for POST /items');
    expect(post.stdout).toContain('You sent 7 bytes: {"a":1}');

    const verbose = await curl(rig, '-v', 'http://127.0.0.1:3000/');
    expect(verbose.stderr).toContain(
      '*   Trying 127.0.0.1:3000...\n* Connected to 127.0.0.1 (127.0.0.1) port 3000\n> GET / HTTP/1.1\n> Host: 127.0.0.1:3000\n> User-Agent: curl/8.5.0\n> Accept: */*\n> \n< HTTP/1.1 200 OK\n< content-type: text/plain\n',
    );
    expect(verbose.stderr).toContain('* Connection #0 to host 127.0.0.1 left intact\n');

    const toFile = await rig.exec(curlCommand, ['curl', '-s', '-o', 'out.txt', 'http://127.0.0.1:3000/file']);
    expect(toFile).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(rig.fs.readText('/home/learner/my-api/out.txt')).toContain('You asked for GET /file');
  });

  it('a second spin up on the same port fails as Spin does; kill %1 stops the server; curl then gets exit 7', async () => {
    const rig = makeSpinRig(engine);
    await scaffoldBuildServe(rig);
    const again = await spin(rig, 'up');
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('Error: Unable to listen on 127.0.0.1:3000\n\nCaused by:\n      Address already in use (os error 98)\n');

    const other = await spin(rig, 'up', '--listen', '127.0.0.1:3001');
    expect(other.stdout).toContain('Serving http://127.0.0.1:3001\n');
    expect((await rig.exec(jobsCommand, ['jobs'])).stdout).toBe(
      '[1]-  Running                 spin up &\n[2]+  Running                 spin up --listen 127.0.0.1:3001 &\n',
    );

    expect((await rig.exec(killCommand, ['kill', '%1'])).stdout).toBe('[1]+  Terminated              spin up\n');
    const refused = await curl(rig, 'http://127.0.0.1:3000/');
    expect(refused).toEqual({
      code: 7,
      stdout: '',
      stderr: "curl: (7) Failed to connect to 127.0.0.1 port 3000 after 0 ms: Couldn't connect to server\n",
    });
    expect((await curl(rig, '-s', 'http://127.0.0.1:3000/')).stderr).toBe('');
    expect((await curl(rig, 'localhost:3001/x')).code).toBe(0);

    // fg brings job 2 back; Ctrl-C stops it.
    const ac = new AbortController();
    const fg = rig.exec(fgCommand, ['fg'], { signal: ac.signal });
    ac.abort();
    expect((await fg).code).toBe(130);
    expect((await curl(rig, 'localhost:3001/x')).code).toBe(7);
  });

  it('unmatched route: 404 with empty body, Spin warning once on the server terminal', async () => {
    const rig = makeSpinRig(engine);
    await spin(rig, 'new', '-t', 'http-rust', 'my-api', '-a', '-v', 'http-path=/hello');
    rig.cwd = '/home/learner/my-api';
    await spin(rig, 'build');
    const up = await rig.exec(spinCommand, ['spin', 'up'], { tty: true });
    expect(up.stdout).toContain('  my-api: http://127.0.0.1:3000/hello\n');
    const res = await curl(rig, '-i', 'http://127.0.0.1:3000/other');
    expect(res.stdout).toMatch(/^HTTP\/1\.1 404 Not Found\r\ncontent-length: 0\r\n/);
    expect(rig.background.stderr).toContain('Request to /other matched no pattern, and received a generic 404 response.');
  });
});

describe('outbound least privilege', () => {
  const OUTBOUND_LIB = `use spin_sdk::http::{IntoResponse, Request, Method, Response};
use spin_sdk::http_component;

#[http_component]
async fn handle(_req: Request) -> anyhow::Result<impl IntoResponse> {
    let req = Request::builder().method(Method::Get).uri("https://api.example.com/quote").build();
    let res: Response = spin_sdk::http::send(req).await?;
    Ok(res)
}
`;

  it('denied host: warning with the line to add; allowing it in spin.toml fixes it', async () => {
    const rig = makeSpinRig(engine);
    await spin(rig, 'new', '-t', 'http-rust', 'quotes', '--accept-defaults');
    rig.cwd = '/home/learner/quotes';
    rig.fs.writeFile('/home/learner/quotes/src/lib.rs', OUTBOUND_LIB);
    const build = await spin(rig, 'build');
    expect(build.stdout).toContain('wagi-outbound.wasm');
    await spin(rig, 'up');
    const denied = await curl(rig, 'http://127.0.0.1:3000/');
    expect(denied.stdout).toContain('ErrorCode::HttpRequestDenied');
    expect(rig.background.stderr).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z ERROR spin_runtime_factors: Outbound network destination not allowed: https:\/\/api\.example\.com\nWarning: A component tried to make an outbound network connection to disallowed destination 'https:\/\/api\.example\.com'\.\nTo allow this request, add 'allowed_outbound_hosts = \["https:\/\/api\.example\.com"\]' to the manifest component section\.\n$/,
    );

    // The learner edits spin.toml and restarts.
    const manifestPath = '/home/learner/quotes/spin.toml';
    rig.fs.writeFile(
      manifestPath,
      rig.fs.readText(manifestPath).replace('allowed_outbound_hosts = []', 'allowed_outbound_hosts = ["https://api.example.com"]'),
    );
    await rig.exec(killCommand, ['kill', '%1']);
    expect((await spin(rig, 'up')).code).toBe(0);
    const allowed = await curl(rig, '-i', 'http://127.0.0.1:3000/');
    expect(allowed.stdout).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(allowed.stdout).toContain('Upstream https://api.example.com/quote answered 200:\nThe sandbox is the feature, not the limitation.\n');
  });

  it("the primer's scheme-less host is rejected with Spin's loader chain", async () => {
    const rig = makeSpinRig(engine);
    await spin(rig, 'new', '-t', 'http-rust', 'my-api', '--accept-defaults');
    rig.cwd = '/home/learner/my-api';
    await spin(rig, 'build');
    const path = '/home/learner/my-api/spin.toml';
    rig.fs.writeFile(path, rig.fs.readText(path).replace('allowed_outbound_hosts = []', 'allowed_outbound_hosts = ["api.example.com"]'));
    const up = await spin(rig, 'up');
    expect(up).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Error: Failed to load application\n\nCaused by:\n' +
        '   0: Failed to load Spin app from "/home/learner/my-api/spin.toml"\n' +
        '   1: Failed to load component `my-api`\n' +
        '   2: `allowed_outbound_hosts` is malformed\n' +
        `   3: "api.example.com" does not contain a scheme (e.g., 'http://' or '*://')\n`,
    });
  });
});

describe('errors and the rest of the CLI', () => {
  it('no manifest, no build output, unknown command', async () => {
    const rig = makeSpinRig(engine);
    expect(await spin(rig, 'up')).toMatchObject({
      code: 1,
      stderr: "Error: Default file 'spin.toml' not found. Run `spin up --from <APPLICATION>`, or `spin up --help` for usage.\n",
    });
    expect(await spin(rig, 'build')).toMatchObject({ code: 1, stderr: 'Error: "spin.toml" not found\n' });
    expect(await spin(rig, 'frobnicate')).toMatchObject({ code: 2, stderr: "Error: 'frobnicate' is not a known Spin command. See spin --help.\n" });
    expect((await spin(rig, 'up', '--bogus')).code).toBe(2);
  });

  it('spin up before spin build: missing Wasm source chain', async () => {
    const rig = makeSpinRig(engine);
    await spin(rig, 'new', '-t', 'http-rust', 'my-api', '--accept-defaults');
    rig.cwd = '/home/learner/my-api';
    const up = await spin(rig, 'up');
    expect(up.code).toBe(1);
    expect(up.stderr).toContain('   2: Failed to load Wasm source "target/wasm32-wasip1/release/my_api.wasm"\n');
    expect(up.stderr).toContain('No such file or directory (os error 2)');
  });

  it('TOML syntax error renders like Spin', async () => {
    const rig = makeSpinRig(engine);
    rig.fs.mkdir('/home/learner/app');
    rig.fs.writeFile('/home/learner/app/spin.toml', 'spin_manifest_version = 2\n[application\nname = "x"\n');
    rig.cwd = '/home/learner/app';
    const up = await spin(rig, 'up');
    expect(up.code).toBe(1);
    expect(up.stderr).toMatch(
      /^Error: Failed to load application\n\nCaused by:\n   0: Failed to read Spin app manifest from "\/home\/learner\/app\/spin.toml"\n   1: TOML parse error at line 2, column \d+\n  \|\n2 \| \[application\n/,
    );
  });

  it('build failures: no Cargo.toml', async () => {
    const rig = makeSpinRig(engine);
    await spin(rig, 'new', '-t', 'http-rust', 'my-api', '--accept-defaults');
    rig.cwd = '/home/learner/my-api';
    rig.fs.remove('/home/learner/my-api/Cargo.toml');
    const b = await spin(rig, 'build');
    expect(b.code).toBe(1);
    expect(b.stderr).toBe(
      'error: could not find `Cargo.toml` in `/home/learner/my-api` or any parent directory\nError: Build command for component my-api failed with status Exited(101)\n',
    );
  });

  it('spin new asks Description and HTTP path on a terminal and validates the path', async () => {
    const rig = makeSpinRig(engine);
    rig.answers.push('A demo', 'no-slash', '/api/...');
    const r = await rig.exec(spinCommand, ['spin', 'new', '-t', 'http-go', 'go-api'], { tty: true });
    expect(r.code).toBe(0);
    expect(rig.questions).toEqual(['Description: ', 'HTTP path: ', 'HTTP path: ']);
    expect(r.stdout).toContain("Invalid value: 'no-slash' does not match pattern '^/\\S*$'");
    const toml = rig.fs.readText('/home/learner/go-api/spin.toml');
    expect(toml).toContain('description = "A demo"');
    expect(toml).toContain('route = "/api/..."');
    expect(toml).toContain('source = "main.wasm"');
  });

  it('spin new into a non-empty directory fails without --allow-overwrite', async () => {
    const rig = makeSpinRig(engine);
    rig.fs.mkdir('/home/learner/taken');
    rig.fs.writeFile('/home/learner/taken/x', 'x');
    expect(await spin(rig, 'new', '-t', 'http-rust', 'taken', '-a')).toMatchObject({
      code: 1,
      stderr: "Error: Can't generate into taken as it already contains other files\n",
    });
    expect(await spin(rig, 'new', '-t', 'nope', 'x', '-a')).toMatchObject({ code: 1, stderr: "Error: No templates matched 'nope'\n" });
  });

  it('spin new with nothing to prompt on says what to type in one dojo line (not dressed as a Spin error)', async () => {
    const rig = makeSpinRig(engine);
    expect(await spin(rig, 'new')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'dojo: no template given; use `spin new -t <TEMPLATE> <NAME>` (see `spin templates list`)\n',
    });
    expect(await spin(rig, 'new', '-t', 'http-rust')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'dojo: no application name given; use `spin new -t <TEMPLATE> <NAME>`\n',
    });
  });

  it('registry push stores in the local registry; deploy is simulated', async () => {
    const rig = makeSpinRig(engine);
    await spin(rig, 'new', '-t', 'http-rust', 'my-api', '--accept-defaults');
    rig.cwd = '/home/learner/my-api';
    await spin(rig, 'build');
    const push = await spin(rig, 'registry', 'push', 'ttl.sh/my-api:1h');
    expect(push.code).toBe(0);
    expect(push.stdout).toMatch(/^Pushing app to the Registry\.\.\.\nPushed with digest sha256:[0-9a-f]{64}\ndojo: simulated/);
    const pulled = pullSpinApp(rig.machine.registry, 'ttl.sh/my-api:1h');
    expect(pulled.ok && pulled.app.modules.get('my-api')).toEqual(rig.fs.readFile('/home/learner/my-api/target/wasm32-wasip1/release/my_api.wasm'));
    const deploy = await spin(rig, 'deploy');
    expect(deploy.stdout).toMatch(
      /^Uploading my-api version 0\.1\.0\+[0-9a-f]{8} to Fermyon Cloud\.\.\.\nDeploying\.\.\.\nWaiting for application to become ready\.\.\. ready\nAvailable Routes:\n  my-api: https:\/\/my-api-[0-9a-f]{8}\.fermyon\.app \(wildcard\)\ndojo: simulated/,
    );
    // An app name with `_` keeps it in the version line; the host name is kebab-cased (DNS has no `_`).
    const manifest = '/home/learner/my-api/spin.toml';
    rig.fs.writeFile(manifest, rig.fs.readText(manifest).replace('name = "my-api"', 'name = "my_api"'));
    expect((await spin(rig, 'deploy')).stdout).toMatch(
      /^Uploading my_api version 0\.1\.0\+[0-9a-f]{8} to .*\n.*\n.*\nAvailable Routes:\n  my-api: https:\/\/my-api-[0-9a-f]{8}\.fermyon\.app/,
    );
  });

  it('spin up --from REF runs what spin registry push stored, from anywhere, without the app folder', async () => {
    const rig = makeSpinRig(engine);
    await spin(rig, 'new', '-t', 'http-rust', 'my-api', '--accept-defaults');
    rig.cwd = '/home/learner/my-api';
    expect((await spin(rig, 'build')).code).toBe(0);
    expect((await spin(rig, 'registry', 'push', 'ttl.sh/my-api:1h')).code).toBe(0);
    rig.fs.remove('/home/learner/my-api', { recursive: true });
    rig.cwd = '/home/learner';
    const up = await spin(rig, 'up', '--from', 'ttl.sh/my-api:1h');
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    // An app from a registry has no local directory, so Spin logs nothing to disk by default.
    expect(up.stdout.startsWith('\nServing http://127.0.0.1:3000\nAvailable Routes:\n  my-api: http://127.0.0.1:3000 (wildcard)\n')).toBe(true);
    expect((await curl(rig, '-s', 'http://127.0.0.1:3000/hello')).stdout).toBe('Hello, Fermyon');
    await rig.exec(killCommand, ['kill', '%1']);
    // `--from-registry` (hidden in Spin's help) forces the reference reading.
    expect((await spin(rig, 'up', '--from-registry', 'ttl.sh/my-api:1h')).code).toBe(0);
    expect((await spin(rig, 'up', '--from', 'x', '--from-registry', 'ttl.sh/my-api:1h')).code).toBe(2);
    expect((await spin(rig, 'registry', 'pull', 'ttl.sh/my-api:1h')).stdout).toBe('Successfully pulled the app from the registry\n');
  });

  it('spin up --from a reference nobody pushed fails as Spin does for an unreachable registry', async () => {
    const rig = makeSpinRig(engine);
    const up = await spin(rig, 'up', '--from', 'ghcr.io/nobody/app:0.1.0');
    expect(up.code).toBe(1);
    expect(up.stderr).toBe(
      'Error: cannot pull Spin application from registry reference "ghcr.io/nobody/app:0.1.0"\n\n' +
        'Caused by:\n' +
        '   0: error sending request for url (https://ghcr.io/v2/)\n' +
        '   1: client error (Connect)\n' +
        '   2: dns error: failed to lookup address information: Temporary failure in name resolution\n' +
        '   3: failed to lookup address information: Temporary failure in name resolution\n' +
        "dojo: the Dojo is offline: `spin up --from` reaches only this machine's local registry, where nothing was pushed as ghcr.io/nobody/app:0.1.0 (`spin registry push ghcr.io/nobody/app:0.1.0` first)\n",
    );
    // Not a path and not a reference: Spin's AppSource::infer_source message.
    expect((await spin(rig, 'up', '--from', 'nothing-here')).stderr).toBe(
      "Error: File or directory 'nothing-here' not found. If you meant to load from a registry, use the `--from-registry` option.\n",
    );
    const pull = await spin(rig, 'registry', 'pull', 'ttl.sh/never:1h');
    expect(pull.code).toBe(1);
    expect(pull.stderr).toMatch(/^Error: error sending request for url \(https:\/\/ttl\.sh\/v2\/\)\n\nCaused by:\n   0: client error \(Connect\)\n/);
  });

  it('spin templates list prints the table', async () => {
    const rig = makeSpinRig(engine);
    const r = await spin(rig, 'templates', 'list');
    expect(r.stdout).toContain('| http-rust           HTTP request handler using Rust                    |\n');
  });

  it('curl to a non-local host fails offline; no URL is a usage error', async () => {
    const rig = makeSpinRig(engine);
    expect(await curl(rig, 'https://api.example.com/quote')).toEqual({
      code: 6,
      stdout: '',
      stderr: 'curl: (6) Could not resolve host: api.example.com\n',
    });
    expect((await curl(rig)).code).toBe(2);
    expect((await curl(rig, '--nope', 'x')).stderr).toBe(
      "curl: option --nope: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n",
    );
  });
});

describe('more build/up behaviour', () => {
  it('build warns about unrelated manifest errors but still builds; up --build builds first', async () => {
    const rig = makeSpinRig(engine);
    await spin(rig, 'new', '-t', 'http-rust', 'my-api', '--accept-defaults');
    rig.cwd = '/home/learner/my-api';
    const path = '/home/learner/my-api/spin.toml';
    const good = rig.fs.readText(path);
    rig.fs.writeFile(path, good.replace('version = "0.1.0"', 'version = "0.1.0"\nflavour = "vanilla"'));
    const b = await spin(rig, 'build');
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('Finished building all Spin components');
    expect(b.stderr).toContain(
      'Warning: The manifest has errors not related to the Wasm component build. Error details:\nTOML parse error at line 6, column 1\n',
    );
    expect(b.stderr).toContain('unknown field `flavour`, expected one of `name`, `version`, `description`, `authors`, `trigger`, `tool`');

    rig.fs.writeFile(path, good);
    rig.fs.remove('/home/learner/my-api/target', { recursive: true });
    const up = await spin(rig, 'up', '--build');
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('Building component my-api');
    expect(up.stdout).toContain('Serving http://127.0.0.1:3000');
  });

  it('a v1 manifest with a wagi executor is still served', async () => {
    const rig = makeSpinRig(engine);
    rig.fs.mkdir('/home/learner/old');
    rig.fs.writeFile('/home/learner/old/hello.wasm', rig.fs.readFile('/home/learner/modules/wagi-hello.wasm'));
    rig.fs.writeFile(
      '/home/learner/old/spin.toml',
      'spin_manifest_version = "1"\nname = "old"\nversion = "1.0.0"\ntrigger = { type = "http", base = "/" }\n\n[[component]]\nid = "old"\nsource = "hello.wasm"\n[component.trigger]\nroute = "/old/..."\nexecutor = { type = "wagi" }\n',
    );
    rig.cwd = '/home/learner/old';
    const up = await spin(rig, 'up');
    expect(up.stdout).toContain('  old: http://127.0.0.1:3000/old (wildcard)\n');
    expect((await curl(rig, '-s', 'http://127.0.0.1:3000/old/x')).stdout).toContain('You asked for GET /old/x');
  });

  it('an app without triggers (http-empty) does not start', async () => {
    const rig = makeSpinRig(engine);
    await spin(rig, 'new', '-t', 'http-empty', 'empty', '--accept-defaults');
    rig.cwd = '/home/learner/empty';
    expect(await spin(rig, 'up')).toMatchObject({ code: 1, stderr: 'Error: No triggers in app\n' });
  });
});

describe('isolation and environment', () => {
  it("a private machine (grader) does not collide with the learner's on port 3000", async () => {
    const learner = makeSpinRig(engine);
    await scaffoldBuildServe(learner);
    const grader = makeSpinRig(engine);
    await scaffoldBuildServe(grader);
    expect((await grader.exec(jobsCommand, ['jobs'])).stdout).toBe('[1]+  Running                 spin up &\n');
    grader.machine.jobs.stopAll();
    expect((await curl(grader, 'http://127.0.0.1:3000/')).code).toBe(7);
    expect((await curl(learner, 'http://127.0.0.1:3000/')).code).toBe(0);
  });

  it('spin up -e passes variables to components (wagi-outbound reads OUTBOUND_URL)', async () => {
    const rig = makeSpinRig(engine);
    rig.fs.mkdir('/home/learner/q');
    rig.fs.writeFile('/home/learner/q/q.wasm', rig.fs.readFile('/home/learner/modules/wagi-outbound.wasm'));
    rig.fs.writeFile(
      '/home/learner/q/spin.toml',
      'spin_manifest_version = 2\n[application]\nname = "q"\n[[trigger.http]]\nroute = "/..."\ncomponent = "q"\n[component.q]\nsource = "q.wasm"\nallowed_outbound_hosts = ["https://*.example.com"]\n',
    );
    rig.cwd = '/home/learner/q';
    expect((await spin(rig, 'up', '-e', 'OUTBOUND_URL=https://api.example.com/time')).code).toBe(0);
    expect((await curl(rig, '-s', '127.0.0.1:3000')).stdout).toContain('Upstream https://api.example.com/time answered 200:\n{"unixtime"');
  });
});

describe('completion', () => {
  it('completes template ids after -t', () => {
    const shell = makeSpinRig(engine);
    void shell;
    expect(spinCommand.complete?.(['new', '-t'], 'http-r', {} as never)).toEqual(['http-rust']);
  });
});

describe('curl -d @-', () => {
  it('sends stdin as the body', async () => {
    const rig = makeSpinRig(engine);
    await scaffoldBuildServe(rig);
    const r = await rig.exec(curlCommand, ['curl', '-s', '--data-binary', '@-', 'http://127.0.0.1:3000/in'], { stdin: 'piped body' });
    expect(r.stdout).toContain('You asked for POST /in');
    expect(r.stdout).toContain('You sent 10 bytes: piped body');
  });
});
