/**
 * bash's `jobs`, `fg` and `kill` over the machine's job table: they live with the shell's job control
 * (src/shell/job-builtins.ts, beside `bg` and `wait`), which knows the jobs `&` started.
 */
export { fgCommand, jobsCommand, killCommand } from '../../shell/job-builtins';
