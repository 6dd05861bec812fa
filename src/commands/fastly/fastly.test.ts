/**
 * fastly through the whole product: init from an offline starter kit, a build whose package is a real
 * tar.gz (opened here with the system's tar), serve on 127.0.0.1:7676 answered by a real module run, and
 * the simulated deploy with its questions.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDojo } from '../../../test/support/dojo';

const dojo = () => makeDojo({ lessons: false, tty: false });

async function rustProject() {
  const d = await dojo();
  await d.type('mkdir edge-app');
  const init = await d.type('cd edge-app && fastly compute init --from https://github.com/fastly/compute-starter-kit-rust-default', {
    answers: ['edge-app', 'A test app', 'me@example.com'],
  });
  return { d, init };
}

describe('fastly compute', () => {
  it('init --from a starter kit URL: the prompts, the ✓ lines, SUCCESS, and the kit written', async () => {
    const { d, init } = await rustProject();
    expect(init.status).toBe(0);
    expect(init.questions).toEqual(['Name: [edge-app] ', 'Description: ', 'Author (email): ']);
    expect(init.stdout).toMatch(
      /^Creating a new Compute project \(using --from to locate package template\)\.\n\nPress \^C at any time to quit\.\n\nWARNING: When using the --from flag/,
    );
    expect(init.stdout).toContain('✓ Setting package name in manifest to "edge-app"\n');
    expect(init.stdout).toMatch(/SUCCESS: Initialized package edge-app\n$/);
    const toml = d.fs.readText('/home/learner/edge-app/fastly.toml');
    expect(toml).toContain('name = "edge-app"\n');
    expect(toml).toContain('authors = ["me@example.com"]\n');
    expect(toml).toContain('cloned_from = "https://github.com/fastly/compute-starter-kit-rust-default"\n');
  });

  it("init --from the primer's placeholder URL fails as the offline CLI fails, naming the kits it has", async () => {
    const d = await dojo();
    const r = await d.type('fastly compute init --from https://github.com/example/starter', { answers: ['y', 'x', '', ''] });
    expect(r.questions[0]).toBe("The current directory isn't empty. Are you sure you want to initialize a Compute project in /home/learner? [y/N] ");
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('✗ Fetching package template\n');
    expect(r.stderr).toContain("ERROR: failed to get package 'https://github.com/example/starter'");
    expect(r.stderr).toMatch(/dojo: the Dojo is offline; its starter kits: https:\/\/github.com\/fastly\/compute-starter-kit-rust-default/);
  });

  it('build: needs wasm32-wasip1 like cargo; then ✓ lines, SUCCESS, and a real tar.gz', async () => {
    const { d } = await rustProject();
    const noTarget = await d.type('fastly compute build');
    expect(noTarget.status).toBe(1);
    expect(noTarget.stdout).toContain('✗ Running [scripts.build]\n');
    expect(noTarget.stderr).toContain("error[E0463]: can't find crate for `std`");
    await d.type('rustup target add wasm32-wasip1');
    const r = await d.type('fastly compute build');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      '✓ Verifying fastly.toml\n✓ Fetching latest wasm-tools release\n✓ Identifying package name\n✓ Identifying toolchain\n✓ Running [scripts.build]\n✓ Creating package archive\nSUCCESS: Built package (pkg/edge-app.tar.gz)\n',
    );
    expect(r.stderr).toMatch(/^dojo: simulated build, nothing was compiled: bin\/main\.wasm <- a module that answers "Welcome to Fastly Compute!"/);
    const dir = mkdtempSync(join(tmpdir(), 'fastly-pkg-'));
    const file = join(dir, 'edge-app.tar.gz');
    writeFileSync(file, d.fs.readFile('/home/learner/edge-app/pkg/edge-app.tar.gz'));
    const tar = spawnSync('tar', ['-tzf', file], { encoding: 'utf8' });
    expect(tar.status).toBe(0);
    expect(tar.stdout.split('\n').filter(Boolean)).toEqual(
      expect.arrayContaining(['edge-app/fastly.toml', 'edge-app/bin/main.wasm', 'edge-app/Cargo.toml', 'edge-app/src/main.rs']),
    );
    const wasm = spawnSync('tar', ['-xzOf', file, 'edge-app/bin/main.wasm']);
    expect(WebAssembly.validate(new Uint8Array(wasm.stdout))).toBe(true);
  });

  it("serve: Viceroy's lines, a background job on 127.0.0.1:7676, and curl answered by a real run", async () => {
    const { d } = await rustProject();
    await d.type('rustup target add wasm32-wasip1');
    const r = await d.type('fastly compute serve');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('SUCCESS: Built package (pkg/edge-app.tar.gz)\n\n✓ Checking latest Viceroy release\n✓ Running local server\n\n');
    expect(r.stdout).toMatch(
      /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z {2}WARN no backend definitions found in \/home\/learner\/edge-app\/fastly\.toml\n/,
    );
    expect(r.stdout).toMatch(/Z {2}INFO Listening on http:\/\/127\.0\.0\.1:7676\n/);
    expect((await d.type('curl -s http://127.0.0.1:7676/')).stdout).toBe('Welcome to Fastly Compute!');
    expect(d.runs.at(-1)?.command).toBe('fastly compute serve: GET / -> edge-app');
    expect(d.services.machine.jobs.list().map((j) => j.command)).toEqual(['fastly compute serve']);
  });

  it('deploy asks the real questions, ends with SUCCESS, says it is simulated, and skips an identical package', async () => {
    const { d } = await rustProject();
    await d.type('rustup target add wasm32-wasip1');
    await d.type('fastly compute build');
    const r = await d.type('fastly compute deploy', { answers: ['y', '', '', ''] });
    expect(r.status).toBe(0);
    expect(r.questions).toEqual([
      'Create new service: [y/N] ',
      '\nService name: [edge-app] ',
      expect.stringMatching(/^\nDomain: \[[a-z]+-[a-z]+-[a-z]+\.edgecompute\.app\] $/),
      '\nBackend (hostname or IP address, or leave blank to stop adding backends): ',
    ]);
    expect(r.stdout).toMatch(/^There is no Fastly service associated with this package\./);
    expect(r.stdout).toMatch(/✓ Uploading package\n✓ Activating service \(version 1\)\n✓ Checking service availability \(status: 200\)\n/);
    expect(r.stdout).toMatch(/SUCCESS: Deployed package \(service [A-Za-z]{22}, version 1\)\n$/);
    expect(r.stderr).toMatch(/^dojo: simulated deploy/);
    expect(d.fs.readText('/home/learner/edge-app/fastly.toml')).toMatch(/service_id = "[A-Za-z]{22}"/);
    const again = await d.type('fastly compute deploy');
    expect(again.stdout).toMatch(
      /^INFO: Skipping package deployment, local and service version are identical\. \(service [A-Za-z]{22}, version 1\) \n$/,
    );
  });

  it('init for JavaScript with prompts (language menu, kit menu)', async () => {
    const d = await dojo();
    await d.type('mkdir js && cd js');
    const r = await d.type('fastly compute init', { answers: ['js-app', '', '', '2', '1', 'n'] });
    expect(r.status).toBe(0);
    expect(r.questions[3]).toMatch(
      /^Language:\n\(Find out more about language support at https:\/\/www\.fastly\.com\/documentation\/guides\/compute\)\n\[1\] Rust\n\[2\] JavaScript\n/,
    );
    expect(r.questions[4]).toMatch(/^Starter kit:\n\[1\] Default starter for JavaScript\n/);
    expect(d.fs.readText('/home/learner/js/package.json')).toContain('"build": "js-compute-runtime src/index.js bin/main.wasm"');
  });
});
