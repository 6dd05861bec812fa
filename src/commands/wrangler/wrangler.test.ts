/**
 * wrangler through the whole product: a Rust worker from the workers-rs template and a TypeScript one
 * from C3, served by `wrangler dev` as a background job and answered by a real module run; config
 * errors in wrangler's words; the simulated login, whoami and deploy.
 */
import { describe, expect, it } from 'vitest';
import { makeDojo } from '../../../test/support/dojo';

const dojo = () => makeDojo({ lessons: false, tty: false });

describe('wrangler dev', () => {
  it('a Rust worker: the build needs wasm32-unknown-unknown, then curl gets the reply from a real run', async () => {
    const d = await dojo();
    await d.type('cargo generate cloudflare/workers-rs --name my-worker templates/hello-world', { answers: ['false'] });
    const first = await d.type('cd my-worker && wrangler dev');
    expect(first.status).toBe(1);
    expect(first.stdout).toContain('[custom build] Running: cargo install -q "worker-build@^0.8" && worker-build --release\n');
    expect(first.stdout).toContain('[custom build] Error: wasm32-unknown-unknown target not found in sysroot:');
    expect(first.stderr).toContain(
      '✘ [ERROR] Running custom build `cargo install -q "worker-build@^0.8" && worker-build --release` failed. There are likely more logs from your build command above.\n',
    );
    expect(first.stderr).toMatch(/dojo: Rust Workers build for wasm32-unknown-unknown: rustup target add wasm32-unknown-unknown/);

    await d.type('rustup target add wasm32-unknown-unknown');
    const dev = await d.type('wrangler dev');
    expect(dev.status).toBe(0);
    expect(dev.stdout).toMatch(/^ ⛅️ wrangler 4\.164\.0\n─{20}\n/);
    expect(dev.stdout).toContain('│  [b] open a browser       │\n');
    expect(dev.stdout).toContain('⎔ Starting local server...\n[wrangler:info] Ready on http://localhost:8787\n');
    expect(dev.stdout).toContain('dojo: simulated build, nothing was compiled: build/index.js <- a module that answers "Hello World!"');
    expect(d.services.machine.jobs.list().map((j) => j.command)).toEqual(['wrangler dev']);

    const curl = await d.type('curl -s localhost:8787/');
    expect(curl).toMatchObject({ status: 0, stdout: 'Hello World!' });
    expect(d.runs.at(-1)?.command).toBe('wrangler dev: GET / -> my-worker');
    expect(await d.type('kill %1')).toMatchObject({ status: 0 });
    expect((await d.type('curl -s localhost:8787/')).status).toBe(7);
  });

  it('a TypeScript worker from npm create cloudflare answers what src/index.ts returns; the request is logged', async () => {
    const d = await dojo();
    await d.type('npm create cloudflare@latest hello-ts -- --type=hello-world --lang=ts');
    const seen: string[] = [];
    const dev = await d.type('cd hello-ts && wrangler dev --port 8788');
    expect(dev.stdout).toContain('[wrangler:info] Ready on http://localhost:8788\n');
    // The server keeps writing after the command returned: the request log reaches the same terminal sink.
    const sink = d.services.machine.network.lookup('localhost', 8788)!;
    const res = await sink.handler(
      { method: 'GET', url: 'http://localhost:8788/message', headers: [], body: new Uint8Array() },
      { clientAddr: '127.0.0.1:5000' },
    );
    seen.push(new TextDecoder().decode(res.body));
    expect(seen).toEqual(['Hello World!']);
    const curl = await d.type('curl -s http://127.0.0.1:8788/message');
    expect(curl.stdout).toBe('Hello World!');
    // A second server on the same port fails as wrangler does.
    const busy = await d.type('wrangler dev --port 8788');
    expect(busy.stderr).toMatch(/^✘ \[ERROR\] Address already in use \(127\.0\.0\.1:8788\)\. Please check/);
  });

  it('fails as wrangler fails: no config, a bad name, a TOML syntax error, a busy port', async () => {
    const d = await dojo();
    const none = await d.type('wrangler dev');
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/^✘ \[ERROR\] Missing entry-point to Worker script or to assets directory\n/);
    expect(none.stderr).toMatch(/🪵 {2}Logs were written to "~\/\.config\/\.wrangler\/logs\/wrangler-\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d_\d{3}\.log"\n$/);

    d.fs.mkdir('/home/learner/w');
    d.fs.writeFile('/home/learner/w/wrangler.toml', 'name = "My_Worker"\nmain = "src/index.js"\nfrobnicate = 1\n');
    const bad = await d.type('cd /home/learner/w && wrangler dev');
    expect(bad.stderr).toContain(
      '▲ [WARNING] Processing wrangler.toml configuration:\n\n    - Unexpected fields found in top-level field: "frobnicate"\n',
    );
    expect(bad.stderr).toContain(
      '✘ [ERROR] Processing wrangler.toml configuration:\n\n    - Expected "name" to be of type string, alphanumeric and lowercase with dashes only but got "My_Worker".\n',
    );
    d.fs.writeFile('/home/learner/w/wrangler.toml', 'name = "w"\nmain = \n');
    const syntax = await d.type('wrangler dev');
    expect(syntax.stderr).toMatch(/^✘ \[ERROR\] invalid value\n\n {4}wrangler\.toml:2:7:\n {6}2 │ main = \n/);
  });
});

describe('wrangler init, login, whoami, deploy', () => {
  it("the primer init --type rust fails as wrangler 4 fails, then one dojo line with today's routes", async () => {
    const d = await dojo();
    const r = await d.type('wrangler init my-worker --type rust');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^\nwrangler init \[name\]\n\n📥 Initialize a basic Worker\n/);
    expect(r.stderr).toMatch(/^✘ \[ERROR\] Unknown argument: type\n\n\n🪵 {2}Logs/);
    expect(r.stderr.match(/^dojo: .*cargo generate cloudflare\/workers-rs.*npm create cloudflare@latest/gm)).toHaveLength(1);
  });

  it('whoami before and after a simulated login; deploy ends as wrangler ends and says it is simulated', async () => {
    const d = await dojo();
    expect((await d.type('wrangler whoami')).stdout).toContain('You are not authenticated. Please run `wrangler login`.\n');
    await d.type('npm create cloudflare@latest site -- --type=hello-world --lang=ts');
    const noTty = await d.type('cd site && wrangler deploy');
    expect(noTty.status).toBe(1);
    expect(noTty.stderr).toMatch(/^✘ \[ERROR\] In a non-interactive environment, it's necessary to set a CLOUDFLARE_API_TOKEN/);
    const login = await d.type('wrangler login');
    expect(login.stdout).toContain('Successfully logged in.\n');
    expect(login.stderr).toMatch(/^dojo: simulated login/);
    expect((await d.type('wrangler whoami')).stdout).toContain(
      '👋 You are logged in with an OAuth Token, associated with the email learner@example.com.\n',
    );
    const dep = await d.type('wrangler deploy');
    expect(dep.status).toBe(0);
    expect(dep.stdout).toMatch(
      /Total Upload: \d+\.\d\d KiB \/ gzip: \d+\.\d\d KiB\nUploaded site \(1\.02 sec\)\nDeployed site triggers \(0\.33 sec\)\n {2}https:\/\/site\.learner\.workers\.dev\nCurrent Version ID: [0-9a-f-]{36}\n$/,
    );
    expect(dep.stderr).toMatch(/^dojo: simulated deploy: nothing left the browser/);
    expect((await d.type('wrangler deploy --dry-run')).stdout).toMatch(/No bindings found\.\n--dry-run: exiting now\.\n$/);
  });
});

describe('dojo reset', () => {
  it('stops wrangler dev and forgets the simulated login', async () => {
    const d = await dojo();
    await d.type('npm create cloudflare@latest w -- --type=hello-world --lang=ts');
    await d.type('cd w && wrangler dev && wrangler login');
    expect((await d.type('curl -s localhost:8787/')).stdout).toBe('Hello World!');
    expect((await d.type('dojo reset -y')).status).toBe(0);
    expect((await d.type('curl -s localhost:8787/')).status).toBe(7);
    expect((await d.type('wrangler whoami')).stdout).toContain('You are not authenticated.');
  });
});
