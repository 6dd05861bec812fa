/**
 * Background jobs of the learner's machine. The Dojo's shell has no `&`, so a server such as `spin up`
 * puts itself here (as `spin up &` would) and bash's `jobs`, `fg` and `kill %N` find it. Pure
 * bookkeeping: each job knows how to stop itself and resolves `done` when it has.
 */

export interface Job {
  id: number;
  /** The command line as typed, e.g. "spin up --listen 127.0.0.1:3001". */
  command: string;
  /** A stand-in process id, for the `[1] 4242` line bash prints. */
  pid: number;
  stop(): void;
  /** Settles when the job has finished (stopped or ended by itself). */
  readonly done: Promise<void>;
}

export class JobTable {
  private readonly jobs = new Map<number, Job>();
  private nextPid = 4242;

  add(command: string, stop: () => void): Job {
    let id = 1;
    while (this.jobs.has(id)) id++;
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    const job: Job = {
      id,
      command,
      pid: this.nextPid++,
      done,
      stop: () => {
        if (!this.jobs.has(id)) return;
        this.jobs.delete(id);
        stop();
        resolveDone();
      },
    };
    this.jobs.set(id, job);
    return job;
  }

  get(id: number): Job | undefined {
    return this.jobs.get(id);
  }

  /** `%1`, `%+`/`%%` (the latest), `%spin` (by command prefix), or a pid. */
  resolve(spec: string): Job | undefined {
    const all = this.list();
    if (spec === '%%' || spec === '%+' || spec === '%') return all[all.length - 1];
    if (spec === '%-') return all[all.length - 2];
    if (/^%\d+$/.test(spec)) return this.jobs.get(Number(spec.slice(1)));
    if (spec.startsWith('%')) return all.find((j) => j.command.startsWith(spec.slice(1)));
    if (/^\d+$/.test(spec)) return all.find((j) => j.pid === Number(spec));
    return undefined;
  }

  list(): Job[] {
    return [...this.jobs.values()].sort((a, b) => a.id - b.id);
  }

  /** Stops every job, whatever started it (`dojo reset`, a test's teardown, the grader between attempts). */
  stopAll(): void {
    for (const job of this.list()) job.stop();
  }
}
