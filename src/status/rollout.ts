/**
 * The 30-day rollout plan (`rollout:` in tandem.config.yaml) as checks on real state:
 * week 1, two high-impact workflows defined from the top of the backlog; week 2, their lessons
 * and job aids released and the pilot's first completions; week 3, a report run and its flags
 * addressed; week 4, the template standardized (a course theme of its own) and a second team
 * started. The board shows the current week and every earlier check still open.
 */
import type { CourseConfig } from '../course/model/course.js';
import type { RankedRequest } from '../intake/index.js';
import { daysBetween, type LastReport } from './inputs.js';
import type { UnitStatus } from './unitStatus.js';

export interface RolloutNeed {
  week: number;
  done: boolean;
  text: string;
}
export interface RolloutStatus {
  pilotTeam: string;
  startDate: string;
  /** 0 before the start; 5 and on after the 30 days. */
  week: number;
  goal: string;
  needs: RolloutNeed[];
}

const GOALS = ['', 'two high-impact workflows defined from the top of the backlog', 'lessons and job aids released, and the pilot’s first completions', 'a report run and its flags addressed', 'the template standardized and a second team started'];

export function rolloutStatus(config: CourseConfig, backlog: readonly RankedRequest[], units: readonly UnitStatus[], report: LastReport | undefined, today: string): RolloutStatus | undefined {
  const plan = config.rollout;
  if (!plan) return undefined;
  const days = daysBetween(plan.startDate, today);
  const week = days < 0 ? 0 : Math.floor(days / 7) + 1;
  const byRequest = new Map(units.filter((u) => u.requestId).map((u) => [u.requestId!, u]));
  // The pilot's workflows: the units of the two top requests, or the two most advanced units when there is no backlog.
  const top = backlog.slice(0, 2);
  const pilot = top.length ? top.map((r) => byRequest.get(r.id)) : units.slice(0, 2);
  const needs: RolloutNeed[] = [];
  if (top.length) for (const r of top) {
    const u = byRequest.get(r.id);
    needs.push({ week: 1, done: !!u, text: u ? `${r.id} (${r.title}) is unit ${u.unitId}` : `define ${r.id} (${r.title}, score ${r.score}): tandem new <unit-id> --from-request ${r.id}` });
  } else needs.push({ week: 1, done: units.length >= 2, text: units.length >= 2 ? 'two workflows defined' : 'define two high-impact workflows (tandem intake, then tandem new --from-request)' });
  const RELEASED = new Set(['released', 'reinforced', 'reviewed']);
  for (const u of pilot) if (u) needs.push({ week: 2, done: RELEASED.has(u.stage), text: RELEASED.has(u.stage) ? `${u.unitId} released` : `release ${u.unitId} (now ${u.stage}: ${u.next})` });
  const completed = pilot.filter((u) => u && report?.objectives.some((o) => o.unitId === u.unitId && o.completed > 0)).length;
  needs.push({ week: 2, done: completed > 0, text: completed > 0 ? `first completions by ${plan.pilotTeam}` : `first completions by ${plan.pilotTeam} (none in the last report yet)` });
  const reportInPlan = report !== undefined && daysBetween(plan.startDate, report.day) >= 0;
  needs.push({ week: 3, done: reportInPlan, text: reportInPlan ? `report run on ${report!.day}` : 'run tandem report on the pilot’s statements' });
  const open = units.reduce((n, u) => n + u.due.filter((d) => !/^APPROVAL_|^VERSION_|^JOB_AID_REVIEW|^REVIEW_/.test(d.code)).length, 0);
  needs.push({ week: 3, done: reportInPlan && open === 0, text: open === 0 ? 'no report flag open' : `${open} report flag(s) open` });
  needs.push({ week: 4, done: config.theme !== 'default', text: config.theme !== 'default' ? `template standardized (theme ${config.theme})` : 'standardize the template: a course theme of its own (theme: in tandem.config.yaml)' });
  needs.push({ week: 4, done: !!plan.secondTeam, text: plan.secondTeam ? `second team: ${plan.secondTeam}` : 'start a second team (rollout.second_team)' });
  return {
    pilotTeam: plan.pilotTeam,
    startDate: plan.startDate,
    week,
    goal: week === 0 ? `starts on ${plan.startDate}` : week > 4 ? 'the 30-day plan is over: the biweekly loop continues' : GOALS[week]!,
    needs: needs.filter((n) => n.week <= Math.max(week, 1) && (n.week === week || !n.done)),
  };
}
