/** The lifecycle board as text for a terminal, JSON for scripts, or one self-contained HTML page. */
import type { StatusBoard } from './statusBoard.js';
import { escapeHtml as esc } from '../course/html/escapeHtml.js';

export function statusJson(board: StatusBoard): string {
  return JSON.stringify(board, null, 2) + '\n';
}

export function statusText(board: StatusBoard): string {
  const lines = [`${board.course.title} (${board.course.id}), ${board.today}`];
  if (board.rollout) {
    const r = board.rollout;
    lines.push('', `Rollout with ${r.pilotTeam} from ${r.startDate}: ${r.week >= 1 && r.week <= 4 ? `week ${r.week}, ` : ''}${r.goal}`);
    for (const n of r.needs) lines.push(`  [${n.done ? 'x' : ' '}] week ${n.week}: ${n.text}`);
  }
  lines.push('', 'Units');
  for (const u of board.units) {
    lines.push(`  ${u.unitId} ${u.version}  ${u.stage}  next: ${u.nextOwner.name} (${u.nextOwner.role}): ${u.next}`);
    for (const d of u.due) lines.push(`    due (${d.owner}) ${d.code}: ${d.message}`);
  }
  if (board.requests.length) {
    lines.push('', 'Requested (no unit yet)');
    for (const r of board.requests) lines.push(`  #${r.rank} ${r.requestId} score ${r.score}  ${r.title}${r.jobAidOnly ? ' (job aid only)' : ''}  next: ${r.next}`);
  }
  for (const p of board.inputs.problems) lines.push('', `Note: ${p}`);
  return lines.join('\n') + '\n';
}

export function statusHtml(board: StatusBoard): string {
  const rollout = board.rollout
    ? `<section aria-labelledby="rollout"><h2 id="rollout">Rollout with ${esc(board.rollout.pilotTeam)} from ${esc(board.rollout.startDate)}</h2>
<p>${board.rollout.week >= 1 && board.rollout.week <= 4 ? `Week ${board.rollout.week}: ` : ''}${esc(board.rollout.goal)}</p>
<ul class="needs">${board.rollout.needs.map((n) => `<li class="${n.done ? 'done' : 'open'}"><span class="visually-hidden">${n.done ? 'Done' : 'Open'}: </span>week ${n.week}: ${esc(n.text)}</li>`).join('')}</ul></section>`
    : '';
  const rows = board.units
    .map(
      (u) => `<tr><th scope="row">${esc(u.unitId)}<br><span class="muted">${esc(u.title)} ${esc(u.version)}</span></th><td><span class="stage stage-${u.stage}">${u.stage}</span></td>
<td>${esc(u.nextOwner.name)} <span class="muted">(${esc(u.nextOwner.role)})</span><br>${esc(u.next)}</td>
<td>${u.due.length ? `<ul>${u.due.map((d) => `<li><strong>${esc(d.code)}</strong> (${esc(d.owner)}): ${esc(d.message)}</li>`).join('')}</ul>` : '<span class="muted">nothing</span>'}</td></tr>`,
    )
    .join('\n');
  const requests = board.requests.length
    ? `<h2>Requested, no unit yet</h2><table><caption>Backlog requests in rank order</caption><thead><tr><th scope="col">Rank</th><th scope="col">Request</th><th scope="col">Score</th><th scope="col">Next</th></tr></thead><tbody>${board.requests
        .map((r) => `<tr><td>${r.rank}</td><th scope="row">${esc(r.requestId)}: ${esc(r.title)}${r.jobAidOnly ? ' (job aid only)' : ''}</th><td>${r.score}</td><td><code>${esc(r.next)}</code></td></tr>`)
        .join('')}</tbody></table>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(board.course.title)}: status on ${esc(board.today)}</title>
<style>
body { font-family: var(--tandem-font, system-ui, sans-serif); margin: 2rem; color: #1a1a1a; line-height: 1.4; }
h1, h2 { color: var(--tandem-primary, #1d4e89); }
table { border-collapse: collapse; width: 100%; margin-bottom: 2rem; }
caption { text-align: left; color: #444; padding: 0.4rem 0; }
th, td { border: 1px solid #c8c8c8; padding: 0.4rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: var(--tandem-primary, #1d4e89); color: var(--tandem-on-primary, #fff); }
.muted { color: #555; font-size: 0.9em; }
.stage { border-radius: 0.3em; padding: 0.1em 0.4em; background: #e8eef6; border: 1px solid #9bb0cc; }
.needs li.done::before { content: "✓ "; color: #1f7a35; } .needs li.open::before { content: "○ "; color: #8a5a00; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
</style>
</head>
<body>
<main>
<h1>${esc(board.course.title)}: status on ${esc(board.today)}</h1>
${rollout}
<h2>Units</h2>
<table><caption>Each unit’s stage in the loop, who owns the next step, and what is due</caption>
<thead><tr><th scope="col">Unit</th><th scope="col">Stage</th><th scope="col">Next step</th><th scope="col">Due</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${requests}
${board.inputs.problems.map((p) => `<p role="note">${esc(p)}</p>`).join('\n')}
</main>
</body>
</html>
`;
}
