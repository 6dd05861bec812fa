/** Exit statuses the shell itself gives, as bash does. */
export const STATUS = { ok: 0, failure: 1, misuse: 2, cannotExecute: 126, notFound: 127, interrupted: 130, brokenPipe: 141 };
