import type { CommandDefinition } from '../../shell/types';

export const falseCommand: CommandDefinition = {
  name: 'false',
  summary: 'Do nothing, unsuccessfully (exit status 1)',
  usage: 'false',
  run: async () => 1,
};
