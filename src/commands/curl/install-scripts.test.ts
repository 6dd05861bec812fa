import { describe, expect, it } from 'vitest';
import { makeDojo } from '../../../test/support/dojo';

describe("the primer's install one-liners", () => {
  it.each([
    ['curl https://wasmtime.dev/install.sh -sSf | bash', 'wasmtime'],
    ['curl -sSf https://raw.githubusercontent.com/WasmEdge/WasmEdge/master/utils/install.sh | bash', 'wasmedge'],
    ['curl -fsSL https://developer.fermyon.com/downloads/install.sh | bash', 'spin'],
  ])('%s says in one dojo line that %s is installed', async (line, tool) => {
    const dojo = await makeDojo({ lessons: false, tty: false });
    expect(await dojo.type(line, { tty: false })).toMatchObject({
      stdout: '',
      stderr: `dojo: ${tool} is already installed here (see \`which ${tool}\`); the Dojo is offline, so nothing was downloaded\n`,
      status: 0,
    });
  });

  it('`sudo mv spin /usr/local/bin/` from the same guide says spin is there already', async () => {
    const dojo = await makeDojo({ lessons: false, tty: false });
    expect(await dojo.type('sudo mv spin /usr/local/bin/', { tty: false })).toMatchObject({
      stderr: 'dojo: spin is already installed in /usr/local/bin here; nothing to move\n',
      status: 0,
    });
  });

  it('other hosts still fail as an offline curl does', async () => {
    const dojo = await makeDojo({ lessons: false, tty: false });
    expect(await dojo.type('curl -fsSL https://example.com/install.sh | bash', { tty: false })).toMatchObject({
      stderr: 'curl: (6) Could not resolve host: example.com\n',
      status: 0,
    });
  });
});
