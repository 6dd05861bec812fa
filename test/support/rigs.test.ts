/** The rigs behave as the product does where tests rely on it. */
import { describe, expect, it } from 'vitest';
import { makeSpinRig } from '../spin/rig';
import { makeCommandRig } from './command-context';

describe('the command rig', () => {
  it('keeps a variable exported when it is set again, as the shell does (the spin rig once dropped the flag)', () => {
    for (const rig of [makeCommandRig(), makeSpinRig(undefined, { seedModules: false })]) {
      rig.env.set('TOKEN', 'a', { exported: true });
      rig.env.set('TOKEN', 'b');
      expect(rig.env.exported()).toContainEqual(['TOKEN', 'b']);
    }
  });

  it("a command's cd moves where the next one runs, and its questions get the scripted answers", async () => {
    const rig = makeCommandRig();
    rig.answers.push('yes');
    const r = await rig.exec(
      {
        name: 'probe',
        summary: 'probe',
        usage: 'probe',
        async run(ctx) {
          ctx.stdout.write(`${await ctx.prompt('ok? ')}\n`);
          ctx.shell.chdir('/tmp');
          return 0;
        },
      },
      ['probe'],
    );
    expect(r).toEqual({ code: 0, stdout: 'yes\n', stderr: '' });
    expect(rig.questions).toEqual(['ok? ']);
    expect(rig.cwd).toBe('/tmp');
  });
});
