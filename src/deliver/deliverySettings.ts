/**
 * Everything nudge delivery runs with, resolved once at start from `reinforcement.delivery` in
 * tandem.config.yaml, the command line (--schedule, --dry-run) and the environment. Secrets (the
 * SMTP user and password, the webhook URLs, the answer-link secret) come only from the
 * environment; diagnostics name the variable, never its value.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CourseConfig } from '../course/model/course.js';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';

export type WebhookChannel = 'slack' | 'teams';

export interface EmailSettings {
  host: string;
  port: number;
  secure: boolean;
  from: string;
  /** `@acme.example`: the domain part of every Message-ID. */
  messageIdDomain: string;
  auth?: { user: string; pass: string };
}

export interface WebhookSettings {
  channel: WebhookChannel;
  /** The environment variable the URL came from: what logs and diagnostics name. */
  envName: string;
  url: string;
}

export interface DeliverySettings {
  courseRoot: string;
  scheduleFile: string;
  journalDir: string;
  dryRun: boolean;
  pollMs: number;
  email?: EmailSettings;
  webhooks: WebhookSettings[];
  /** TANDEM_SERVE_SECRET: signs the personal answer links of emails. */
  secret?: string;
}

export interface DeliveryOverrides {
  schedule: string;
  dryRun?: boolean;
}

export type ResolvedDelivery = { ok: true; settings: DeliverySettings } | { ok: false; diagnostics: Diagnostic[] };

export const DEFAULT_POLL_SECONDS = 60;
export const DEFAULT_SMTP_PORT = 587;

export function resolveDeliverySettings(
  course: { root: string; config: CourseConfig },
  releaseDir: string,
  overrides: DeliveryOverrides,
  env: Record<string, string | undefined>,
): ResolvedDelivery {
  const problems: Diagnostic[] = [];
  const fail = (setting: string, problem: string) => problems.push(diagnose('DELIVERY_SETTING_INVALID', { setting, problem }));
  const delivery = course.config.reinforcement.delivery ?? {};
  const dryRun = overrides.dryRun === true || delivery.dryRun === true;

  if (!existsSync(overrides.schedule)) {
    return { ok: false, diagnostics: [diagnose('DELIVERY_SCHEDULE_UNREADABLE', { file: overrides.schedule, problem: 'the file does not exist' })] };
  }
  if (!course.config.reinforcement.answerUrl) fail('reinforcement.answer_url', 'nudge cards need it for their answer links; set it to where tandem serve is reachable');

  let email: EmailSettings | undefined;
  if (delivery.email) {
    const from = delivery.email.from;
    const domain = /@([^\s<>@]+?)>?\s*$/.exec(from)?.[1];
    if (!domain) fail('reinforcement.delivery.email.from', 'give an address, e.g. "Acme Training <training@acme.example>"');
    const user = env.TANDEM_SMTP_USER;
    const pass = env.TANDEM_SMTP_PASSWORD;
    if (!!user !== !!pass) fail(user ? 'TANDEM_SMTP_PASSWORD' : 'TANDEM_SMTP_USER', 'set both TANDEM_SMTP_USER and TANDEM_SMTP_PASSWORD, or neither');
    email = {
      host: delivery.email.host,
      port: delivery.email.port ?? DEFAULT_SMTP_PORT,
      secure: delivery.email.secure ?? false,
      from,
      messageIdDomain: domain ?? 'localhost',
      ...(user && pass ? { auth: { user, pass } } : {}),
    };
  }

  const secret = env.TANDEM_SERVE_SECRET && env.TANDEM_SERVE_SECRET.length >= 16 ? env.TANDEM_SERVE_SECRET : undefined;
  // Without the secret an email's answer links could not say who answered: the answers would be lost.
  if (email && !secret) fail('TANDEM_SERVE_SECRET', 'personal answer links in nudge emails are signed with it; set 16 or more characters');

  const webhooks: WebhookSettings[] = [];
  for (const [channel, envName] of [['slack', delivery.slackWebhookEnv], ['teams', delivery.teamsWebhookEnv]] as const) {
    if (!envName) continue;
    const url = env[envName];
    if (!url) {
      fail(envName, `the environment variable is not set (reinforcement.delivery.${channel}_webhook_env names it)`);
      continue;
    }
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    // Say only that it is wrong: the value is a secret.
    if (!parsed || !/^https?:$/.test(parsed.protocol)) fail(envName, 'the value is not an http(s) URL');
    else webhooks.push({ channel, envName, url });
  }

  if (!email && !webhooks.length && !problems.length) problems.push(diagnose('DELIVERY_NO_CHANNEL', {}));
  if (problems.length) return { ok: false, diagnostics: problems };
  return {
    ok: true,
    settings: {
      courseRoot: course.root,
      scheduleFile: overrides.schedule,
      journalDir: delivery.journal ? path.resolve(course.root, delivery.journal) : path.join(path.resolve(releaseDir), 'deliveries'),
      dryRun,
      pollMs: (delivery.pollSeconds ?? DEFAULT_POLL_SECONDS) * 1000,
      ...(email ? { email } : {}),
      webhooks,
      ...(secret ? { secret } : {}),
    },
  };
}
