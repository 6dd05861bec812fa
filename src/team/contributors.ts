/**
 * The seam through which other parts of the Dojo add to a learner's results file without the team
 * engine knowing them: the trainer registers one for mock-interview scores. A contributor returns
 * JSON-safe data in one agreed shape; the class view shows `summary` and `scores`, and keeps `data`
 * only in the file (for the facilitator's own tools). What a contributor returns is checked like any
 * imported field: it must be what the learner saw, and within the limits below.
 */
import type { Json } from './codec';

export interface ContributedResult {
  /** One line for the class table, e.g. "2 mock interviews, best 7/10". */
  summary?: string;
  /** Named scores, e.g. { label: 'mock interview', score: 7, max: 10 }. */
  scores?: Array<{ label: string; score: number; max: number }>;
  data?: Json;
}

export interface ResultsContributor {
  /** Stable and unique, e.g. "trainer". */
  id: string;
  /** Shown as the column heading, e.g. "Mock interviews". */
  label: string;
  /** Called when the learner exports; undefined = nothing to add (no history yet). */
  collect(): ContributedResult | undefined | Promise<ContributedResult | undefined>;
}

export interface Contribution extends ContributedResult {
  id: string;
  label: string;
}

export class ContributorRegistry {
  private readonly list = new Map<string, ResultsContributor>();

  register(c: ResultsContributor): () => void {
    if (this.list.has(c.id)) throw new Error(`results contributor registered twice: ${c.id}`);
    this.list.set(c.id, c);
    return () => {
      if (this.list.get(c.id) === c) this.list.delete(c.id);
    };
  }

  /** Every contributor's part; one that throws is left out (and said on the console), never the whole export. */
  async collect(): Promise<Contribution[]> {
    const out: Contribution[] = [];
    for (const c of this.list.values()) {
      try {
        const r = await c.collect();
        if (r) out.push({ id: c.id, label: c.label, ...JSON.parse(JSON.stringify(r)) });
      } catch (err) {
        console.warn(`[team] results contributor ${c.id} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return out;
  }
}
