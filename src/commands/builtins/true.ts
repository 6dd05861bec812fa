import type { CommandDefinition } from '../../shell/types';

export const trueCommand: CommandDefinition = {
  name: 'true',
  summary: 'Do nothing, successfully (exit status 0)',
  usage: 'true',
  run: async () => 0,
};
