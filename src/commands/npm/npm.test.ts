import { describe, expect, it } from 'vitest';
import { makeDojo } from '../../../test/support/dojo';

describe('npm', () => {
  it('npm create cloudflare@latest NAME -- --type=hello-world --lang=ts writes the Worker starter offline', async () => {
    const d = await makeDojo({ lessons: false, tty: false });
    const r = await d.type('npm create cloudflare@latest my-worker -- --type=hello-world --lang=ts');
    expect(r.status).toBe(0);
    expect(r.questions).toEqual([]);
    expect(r.stdout).toContain('👋 Welcome to create-cloudflare v2.74.0!\n');
    expect(r.stdout).toContain('├ Which template would you like to use?\n│ type Worker only\n');
    expect(r.stdout).toContain('🎉  SUCCESS  Application created successfully!\n');
    expect(r.stderr).toMatch(/^dojo: written from the Dojo's offline copy/);
    expect(d.fs.readText('/home/learner/my-worker/src/index.ts')).toContain("return new Response('Hello World!');");
    expect(JSON.parse(d.fs.readText('/home/learner/my-worker/package.json'))).toMatchObject({ name: 'my-worker', scripts: { dev: 'wrangler dev' } });
    expect(d.fs.readText('/home/learner/my-worker/wrangler.jsonc')).toContain('"main": "src/index.ts"');
  });

  it('asks C3 questions interactively, and refuses a starter it does not carry', async () => {
    const d = await makeDojo({ lessons: false, tty: false });
    const r = await d.type('npm create cloudflare@latest', { answers: ['./site', '1', '2', '1'] });
    expect(r.questions).toHaveLength(4);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'holds one starter: Hello World example, Worker only, TypeScript (not Hello World example / Static site / TypeScript)',
    );
    expect(d.fs.exists('/home/learner/site')).toBe(false);
  });

  it('npm install -g wrangler says in one line that it is already installed; other npm uses say what the Dojo does not do', async () => {
    const d = await makeDojo({ lessons: false, tty: false });
    expect(await d.type('npm install -g wrangler')).toMatchObject({
      status: 0,
      stdout: '',
      stderr: 'dojo: wrangler 4.164.0 is already installed in the Dojo (simulated); nothing was downloaded.\n',
    });
    expect((await d.type('npm i -g @fastly/cli@latest')).stderr).toBe(
      'dojo: fastly (@fastly/cli) 16.1.0 is already installed in the Dojo (simulated); nothing was downloaded.\n',
    );
    const other = await d.type('npm install express');
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(/^dojo: `npm install express` is not simulated: the Dojo has no Node.js and no npm registry/);
  });
});
