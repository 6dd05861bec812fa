/**
 * A capability a command line grants a module, as the least-privilege grader needs it: each runtime
 * command describes its own argv (CommandDefinition.describeGrants), the grader removes a grant's
 * tokens and runs the line again to see whether it was needed.
 */
export interface Grant {
  kind: 'dir' | 'env' | 'network' | 'inherit-env';
  /** The grant as typed, e.g. "--dir /data" or "-S inherit-network". */
  text: string;
  /** Indexes into the argv given (argv[0] = the command name). */
  tokenIndexes: number[];
  hostPath?: string;
  guestPath?: string;
  /** For env grants: the variable's name. */
  name?: string;
  readonly?: boolean;
}
