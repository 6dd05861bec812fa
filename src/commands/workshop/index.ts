/**
 * `workshop`: the learner's side of team training from the terminal, thin over src/team — the
 * session joined (plan, clock, items with progress), joining a plan from a link, the display name,
 * and the results code to paste in the chat. Strings from a plan were validated on import (no
 * control characters); they are filtered again before they reach the terminal all the same.
 */
import { paint as sgrPaint, SGR } from '../../lib/ansi';
import { dojoLine } from '../../lib/dojo-line';
import type { CommandContext } from '../../shell/types';
import { formatClock } from '../../lessons/drill';
import { decodePlan, describeItem } from '../../team/plan';
import { resultsCode } from '../../team/results';
import type { TeamSystem } from '../../team/system';
import { UNSAFE_CHARS } from '../../team/codec';

export const WORKSHOP_USAGE = ['workshop [status]', 'workshop join LINK', 'workshop name [NAME]', 'workshop results', 'workshop leave'].join('\n');
export const WORKSHOP_SUMMARY = 'team training: the session you joined, your display name, your results code';

const HELP = `Usage: ${WORKSHOP_USAGE.split('\n').join('\n       ')}
${WORKSHOP_SUMMARY}

Commands:
  status   the session: its plan, the clock, each item with your progress (the default)
  join     join the plan in a link (https://…#/plan/… or what follows #/plan/)
  name     show or set the display name your results carry
  results  print your results code: paste it in the chat for your facilitator
  leave    leave the session (your progress stays)
`;

const UNSAFE_G = new RegExp(UNSAFE_CHARS.source, 'g');
const safe = (s: string) => s.replace(UNSAFE_G, '?');
const paint = (ctx: CommandContext, sgr: string, text: string) => sgrPaint(sgr, text, ctx.stdout.isTTY);

export async function runWorkshop(ctx: CommandContext, team: TeamSystem, now: () => number = Date.now): Promise<number> {
  const [, sub = 'status', ...rest] = ctx.argv;
  if (ctx.argv.slice(1).some((a) => a === '--help' || a === '-h')) {
    ctx.stdout.write(HELP);
    return 0;
  }
  const usage = (msg: string) => {
    ctx.stderr.write(`workshop: ${msg}\nUsage: ${WORKSHOP_USAGE.split('\n').join('\n       ')}\n`);
    return 2;
  };
  switch (sub) {
    case 'status':
      if (rest.length) return usage(`status takes no arguments`);
      return status(ctx, team, now);
    case 'join': {
      if (rest.length !== 1) return usage('join needs one LINK');
      const link = rest[0]!;
      const data = /#\/plan\/([^\s]*)$/.exec(link)?.[1] ?? link;
      const r = decodePlan(data);
      if (!r.ok) {
        ctx.stderr.write(`workshop: this plan link could not be opened: ${r.reason}\n`);
        return 1;
      }
      const s = team.join(r.plan);
      ctx.stdout.write(`Joined “${safe(r.plan.title)}” (${r.plan.minutes} min).\n`);
      if (s.missing.length) ctx.stdout.write(`This version of Wasm Dojo lacks ${s.missing.map(safe).join(', ')}: skipped.\n`);
      return status(ctx, team, now);
    }
    case 'name': {
      if (rest.length === 0) {
        const name = team.store.getState().name;
        ctx.stdout.write(name ? `${safe(name)}\n` : 'No display name yet: `workshop name NAME` sets one (results say "anonymous" until then).\n');
        return 0;
      }
      const name = rest.join(' ').trim();
      if (!name || name.length > 60 || UNSAFE_CHARS.test(name) || /[\n\t]/.test(name)) {
        ctx.stderr.write('workshop: a display name is 1 to 60 characters, with no control characters\n');
        return 1;
      }
      team.setName(name);
      ctx.stdout.write(`Your results will say: ${name}\n`);
      return 0;
    }
    case 'results': {
      if (rest.length) return usage('results takes no arguments');
      const file = await team.exportResults();
      ctx.stdout.write(`${resultsCode(file)}\n`);
      ctx.stderr.write(
        dojoLine(
          `paste that line in the chat for your facilitator (results of ${safe(file.name)}; the Plan tab also saves them as a file)`,
          ctx.stderr.isTTY,
        ),
      );
      return 0;
    }
    case 'leave':
      if (!team.store.getState().session) {
        ctx.stderr.write('workshop: you are not in a session\n');
        return 1;
      }
      team.leave();
      ctx.stdout.write('You left the session; your progress stays.\n');
      return 0;
    default:
      return usage(`unknown command '${safe(sub)}'`);
  }
}

function status(ctx: CommandContext, team: TeamSystem, now: () => number): number {
  const s = team.store.getState();
  if (!s.session) {
    ctx.stdout.write('You are not in a session. Open the link your facilitator shared, or `workshop join LINK`.\n');
    return 0;
  }
  const { plan, joinedAt } = s.session;
  const left = joinedAt + plan.minutes * 60000 - now();
  const lines = [
    paint(ctx, SGR.bold, safe(plan.title)),
    left >= 0
      ? `${formatClock(left)} left of ${plan.minutes} min`
      : paint(ctx, SGR.red, `over the ${plan.minutes} min time box by ${formatClock(-left)}`),
  ];
  if (plan.notes)
    lines.push(
      '',
      ...safe(plan.notes)
        .split('\n')
        .map((l) => `  ${l}`),
    );
  lines.push('');
  const rt = team.lessons;
  const progress = rt.progress();
  plan.items.forEach((item, i) => {
    const lesson = item.kind === 'lesson' ? rt.findLesson(item.id) : undefined;
    let line = `${i + 1}. ${describeItem(item)}`;
    if (item.kind === 'lesson' && !lesson) line += paint(ctx, SGR.red, ' (not in this version: skipped)');
    if (lesson) {
      const lp = progress.lessons[lesson.id];
      const passed = lesson.steps.filter((st) => lp?.steps[st.id]?.status === 'passed').length;
      line += `  ${safe(lesson.title)}  ${paint(ctx, SGR.dim, `${passed}/${lesson.steps.length} steps${lp?.completedAt ? ', done' : ''}`)}`;
    }
    lines.push(line);
  });
  ctx.stdout.write(lines.join('\n') + '\n');
  return 0;
}
