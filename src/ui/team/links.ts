/**
 * Opening a plan link (`#/plan/<data>`): decode, validate, join, and say what happened in the Plan
 * tab — including which lessons this version lacks, or why the link was refused.
 */
import { createStore } from 'zustand/vanilla';
import type { DojoApp } from '../../app/bootstrap';
import { decodePlan, encodePlan, type SessionPlan } from '../../team/plan';
import type { TeamSystem } from '../../team/system';

export interface Notice {
  ok: boolean;
  text: string;
  seq: number;
}

export const planNotice = createStore<{ notice: Notice | null }>(() => ({ notice: null }));

export function say(ok: boolean, text: string): void {
  planNotice.setState((s) => ({ notice: { ok, text, seq: (s.notice?.seq ?? 0) + 1 } }));
}

export function joinPlan(team: TeamSystem, plan: SessionPlan): void {
  const s = team.join(plan);
  say(
    s.missing.length === 0,
    s.missing.length
      ? `You joined “${plan.title}”. This version of Wasm Dojo lacks ${s.missing.join(', ')}: ${s.missing.length === 1 ? 'it is' : 'they are'} skipped.`
      : `You joined “${plan.title}”.`,
  );
}

export async function openPlanLink(rest: string, app: DojoApp): Promise<void> {
  const team = await app.teamReady;
  const r = decodePlan(rest);
  if (!r.ok) say(false, `This plan link could not be opened: ${r.reason}.`);
  else joinPlan(team, r.plan);
}

/** The share link for a plan, on this page's address. */
export function planLink(plan: SessionPlan): string {
  const here = globalThis.location;
  return `${here ? `${here.origin}${here.pathname}` : ''}#/plan/${encodePlan(plan)}`;
}

/** Saves text as a download (the plan file, a results file, the class CSV). */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name part from free text: letters, digits and dashes only. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'plan'
  );
}
