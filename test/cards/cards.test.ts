/**
 * `tandem build --target cards`: the job aid and nudges as Slack, Teams and email cards. Checks
 * what a channel would receive: every card names the objective and version, every link carries
 * its channel, a nudge is answered with one click per choice, and each card is within its
 * channel's limits (Teams cards parsed by Microsoft's own Adaptive Cards library).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/compile/build.js';
import { MemorySink } from '../../src/compile/sink/memorySink.js';
import { adaptiveCardProblems } from '../../src/compile/cards/teamsCard.js';
import { useTempDirs } from '../support/tempDirs.js';

const { courseCopy } = useTempDirs('tandem-cards-');

async function buildCards(courseDir: string): Promise<{ result: BuildResult; files: Map<string, string> }> {
  const sink = new MemorySink();
  const result = await build({ courseDir, targets: ['cards'], sink, manifest: false });
  return { result, files: new Map([...sink.files].map(([name, bytes]) => [name, new TextDecoder().decode(bytes)])) };
}

let sample: { result: BuildResult; files: Map<string, string> };
beforeAll(async () => {
  sample = await buildCards('fixtures/sample-course');
}, 60_000);

const linksIn = (text: string) => [...text.matchAll(/https?:\/\/[^\s"<>)]+/g)].map((m) => m[0].replace(/&amp;/g, '&'));
const OBJECTIVES: Record<string, [string, string]> = {
  'refund-approval': ['OBJ-SUP-REFUND-500', '1.2.0'],
  'lockout-tagout': ['OBJ-OPS-LOTO-JAM', '1.0.0'],
};

describe('cards for the sample course', () => {
  it('writes a job-aid card per unit and a nudge card per one-click question of units with reinforcement, in every channel', () => {
    expect(sample.result.diagnostics).toEqual([]);
    const lockout = [...sample.files.keys()].filter((f) => f.startsWith('cards/lockout-tagout/')).sort();
    expect(lockout).toEqual([
      'cards/lockout-tagout/email-job-aid.html',
      'cards/lockout-tagout/email-job-aid.txt',
      'cards/lockout-tagout/email-nudge-estop-enough.html',
      'cards/lockout-tagout/email-nudge-estop-enough.txt',
      'cards/lockout-tagout/slack-job-aid.json',
      'cards/lockout-tagout/slack-nudge-estop-enough.json',
      'cards/lockout-tagout/teams-job-aid.json',
      'cards/lockout-tagout/teams-nudge-estop-enough.json',
    ]);
    // discount-approval has no reinforcement: its job aid only.
    expect([...sample.files.keys()].filter((f) => f.startsWith('cards/discount-approval/')).map((f) => path.basename(f)).sort()).toEqual(['email-job-aid.html', 'email-job-aid.txt', 'slack-job-aid.json', 'teams-job-aid.json']);
  });

  it('every card names its objective and version, and every link carries the channel it went out on', () => {
    for (const [file, text] of sample.files) {
      const unit = file.split('/')[1]!;
      const channel = path.basename(file).split('-')[0]!;
      const expected = OBJECTIVES[unit];
      if (expected) expect(text, file).toContain(`Objective ${expected[0]} · version ${expected[1]}`);
      const links = linksIn(text).filter((l) => !l.startsWith('http://adaptivecards.io/'));
      expect(links.length, file).toBeGreaterThan(0);
      for (const link of links) expect(new URL(link).searchParams.getAll('src'), `${file}: ${link}`).toEqual([channel]);
    }
  });

  it('a nudge card is one question with one answer link per choice, the job-aid step it protects and the online job aid', () => {
    const slack = JSON.parse(sample.files.get('cards/refund-approval/slack-nudge-evidence-first.json') ?? sample.files.get([...sample.files.keys()].find((f) => f.startsWith('cards/refund-approval/slack-nudge-'))!)!);
    const buttons = slack.blocks.filter((b: any) => b.accessory?.type === 'button').map((b: any) => new URL(b.accessory.url));
    expect(buttons.length).toBeGreaterThanOrEqual(2);
    for (const url of buttons) {
      expect(url.origin + url.pathname).toBe('https://learn.acme.example/nudges/answer');
      expect(Object.fromEntries(url.searchParams)).toMatchObject({ u: 'refund-approval', o: 'OBJ-SUP-REFUND-500', v: '1.2.0', src: 'slack' });
    }
    expect(new Set(buttons.map((u: URL) => u.searchParams.get('c'))).size).toBe(buttons.length);
    const text = JSON.stringify(slack);
    expect(text).toContain('The step it protects: ');
    expect(text).toContain('https://aids.acme.example/frontline/refund-approval.html?o=OBJ-SUP-REFUND-500&v=1.2.0&src=slack');

    const email = sample.files.get('cards/lockout-tagout/email-nudge-estop-enough.txt')!;
    expect(email).toContain('- True: https://learn.acme.example/nudges/answer?u=lockout-tagout&q=estop-enough&c=true&o=OBJ-OPS-LOTO-JAM&v=1.0.0&src=email');
    expect(email).toContain('- False: https://learn.acme.example/nudges/answer?u=lockout-tagout&q=estop-enough&c=false&o=OBJ-OPS-LOTO-JAM&v=1.0.0&src=email');
  });

  it('the job-aid card has the title, when to use, numbered steps, the decision table, escalation and the online job aid', () => {
    const slack = JSON.parse(sample.files.get('cards/lockout-tagout/slack-job-aid.json')!);
    expect(slack.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Clearing a jam on the Line 3 case packer: lockout card', emoji: true } });
    const text = JSON.stringify(slack.blocks);
    expect(text).toContain('*When to use*');
    expect(text).toContain('*Steps*\\n1. Tell the line lead');
    expect(text).toContain('9. Clear the jam');
    const table = slack.blocks.find((b: any) => b.fields);
    expect(table.fields).toHaveLength(5);
    expect(table.fields[1].text).toBe('*Any part of your body goes past a guard*\nSeverity: Safety-critical\nWhat to do: Full lockout: E-1, P-1, G-1');
    expect(text).toContain('*Escalation*');
    const teams = JSON.parse(sample.files.get('cards/lockout-tagout/teams-job-aid.json')!);
    const card = teams.attachments[0].content;
    expect(teams.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.version).toBe('1.5');
    expect(card.body.find((e: any) => e.type === 'Table').rows).toHaveLength(6);
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open the job aid', url: 'https://aids.acme.example/frontline/lockout-tagout.html?o=OBJ-OPS-LOTO-JAM&v=1.0.0&src=teams' }]);
  });

  it('every card is within its channel budget: Slack Block Kit limits, Teams 28 KB and a valid Adaptive Card 1.5', () => {
    for (const [file, text] of sample.files) {
      if (file.endsWith('.json') && path.basename(file).startsWith('slack-')) {
        const { blocks } = JSON.parse(text);
        expect(blocks.length).toBeLessThanOrEqual(50);
        for (const b of blocks) {
          if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(b.type === 'header' ? 150 : 3000);
          expect((b.fields ?? []).length).toBeLessThanOrEqual(10);
          for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
        }
      }
      if (path.basename(file).startsWith('teams-')) {
        expect(Buffer.byteLength(JSON.stringify(JSON.parse(text)))).toBeLessThanOrEqual(28 * 1024);
        expect(adaptiveCardProblems(JSON.parse(text).attachments[0].content), file).toEqual([]);
      }
    }
  });

  it('emails have their CSS inlined (no <style> left) and a plain-text part with the same links', () => {
    for (const [file, html] of sample.files) {
      if (!file.endsWith('.html')) continue;
      expect(html, file).not.toMatch(/<style/);
      expect(html).toMatch(/<h1 style="[^"]*font-size: 22px/);
      const txt = sample.files.get(file.replace(/\.html$/, '.txt'))!;
      expect(linksIn(txt).sort()).toEqual([...new Set(linksIn(html))].sort());
    }
    expect(sample.files.get('cards/lockout-tagout/email-nudge-estop-enough.html')).toMatch(/<a class="answer" href="https:\/\/learn\.acme\.example\/nudges\/answer\?[^"]*c=true[^"]*" style="display: block;/);
  });
});

/** The brand block of a copy of the sample course, replaced by `brand` (YAML lines, or '' for none). */
function withBrand(dir: string, brand: string): string {
  const config = path.join(dir, 'tandem.config.yaml');
  const text = readFileSync(config, 'utf8');
  const block = /^brand:\n(?: {2}.*\n)+/m;
  expect(text).toMatch(block);
  writeFileSync(config, text.replace(block, brand));
  return dir;
}

const emailsOf = (files: Map<string, string>) => [...files].filter(([file]) => file.endsWith('.html'));
/** The style attribute of each element `<tag class="kind" …>` of `html`. */
const stylesOf = (html: string, tag: string, kind?: string) =>
  [...html.matchAll(new RegExp(`<${tag}${kind ? ` class="${kind}"` : ''}[^>]* style="([^"]*)"`, 'g'))].map((m) => m[1]!);

describe('email cards in the course brand', () => {
  it("a company's brand colours and font are on the buttons, answer links, headings, step box and body of every email, and its name in the footer", async () => {
    const dir = withBrand(courseCopy(), 'brand:\n  name: Zenith Learning\n  primary: "#8a1538"\n  on_primary: "#fffbe6"\n  accent: "#00607a"\n  font: Atkinson Hyperlegible\n');
    const { result, files } = await buildCards(dir);
    expect(result.diagnostics).toEqual([]);
    const emails = emailsOf(files);
    expect(emails.length).toBeGreaterThan(4);
    let buttons = 0;
    let answers = 0;
    for (const [file, html] of emails) {
      expect(stylesOf(html, 'body')[0], file).toMatch(/^[^"]*font-family: 'Atkinson Hyperlegible', 'Segoe UI', Arial, sans-serif;/);
      expect(stylesOf(html, 'h1')[0], file).toContain('color: #8a1538;');
      for (const style of stylesOf(html, 'a', 'button')) {
        expect(style, file).toContain('background: #8a1538; color: #fffbe6;');
        buttons++;
      }
      for (const style of stylesOf(html, 'a', 'answer')) {
        expect(style, file).toContain('border: 2px solid #8a1538;');
        expect(style, file).toContain('color: #8a1538;');
        answers++;
      }
      for (const style of stylesOf(html, 'div', 'step')) expect(style, file).toContain('border-left: 4px solid #8a1538;');
      expect(html, file).toMatch(/<p class="footer"[^>]*>Zenith Learning · Objective OBJ-[A-Z0-9-]+ · version \d/);
      expect(files.get(file.replace(/\.html$/, '.txt')), file).toMatch(/\nZenith Learning · Objective OBJ-[A-Z0-9-]+ · version [\d.]+\n$/);
      // Nothing of the old fixed colours, and nothing a mail client would strip or fetch.
      expect(html, file).not.toMatch(/#1f5fbf|@font-face|url\(|data:/i);
    }
    expect(buttons).toBeGreaterThan(4);
    expect(answers).toBeGreaterThan(3);
  });

  it('a course without brand: gets the default brand in its emails, as its lessons and job aids do, and a footer without a name', async () => {
    const { result, files } = await buildCards(withBrand(courseCopy(), ''));
    expect(result.diagnostics).toEqual([]);
    const nudge = files.get('cards/lockout-tagout/email-nudge-estop-enough.html')!;
    expect(stylesOf(nudge, 'a', 'answer')[0]).toContain('border: 2px solid #0b57d0;');
    expect(stylesOf(nudge, 'a', 'button')[0]).toContain('background: #0b57d0; color: #ffffff;');
    expect(stylesOf(nudge, 'body')[0]).toContain("font-family: 'Source Sans 3', 'Segoe UI', Arial, sans-serif;");
    expect(nudge).toMatch(/<p class="footer"[^>]*>Objective OBJ-OPS-LOTO-JAM · version 1\.0\.0<\/p>/);
  });

  it("the sample course's emails carry its brand (Acme Logistics, #7a1f5c)", () => {
    const nudge = sample.files.get('cards/lockout-tagout/email-nudge-estop-enough.html')!;
    expect(stylesOf(nudge, 'a', 'answer')[0]).toContain('color: #7a1f5c;');
    expect(stylesOf(nudge, 'a', 'button')[0]).toContain('background: #7a1f5c; color: #ffffff;');
    expect(nudge).toMatch(/<p class="footer"[^>]*>Acme Logistics · Objective OBJ-OPS-LOTO-JAM · version 1\.0\.0<\/p>/);
  });
});

describe('channel budgets at build time', () => {
  it('a step too long for a Slack section is CARD_OVER_BUDGET at the steps, and only the Slack card is left out', async () => {
    const dir = courseCopy();
    const aid = path.join(dir, 'units/discount-approval/job-aid.md');
    const text = readFileSync(aid, 'utf8');
    writeFileSync(aid, text.replace(/(## Steps\n\n1\. )/, `$1${'Check the quote line by line against the price book. '.repeat(60)}`));
    const { result, files } = await buildCards(dir);
    const over = result.diagnostics.filter((d) => d.code === 'CARD_OVER_BUDGET');
    expect(over.map((d) => `${d.severity} ${path.relative(dir, d.file!)}:${d.line}`)).toEqual([`error units/discount-approval/job-aid.md:${text.split('\n').indexOf('## Steps') + 1}`]);
    expect(over[0]!.message).toContain('section text is 3');
    expect(over[0]!.hint).toContain('Shorten step 1 of the job aid');
    expect(files.has('cards/discount-approval/slack-job-aid.json')).toBe(false);
    expect(files.has('cards/discount-approval/teams-job-aid.json')).toBe(true);
    expect(files.has('cards/discount-approval/email-job-aid.html')).toBe(true);
    expect(files.has('cards/refund-approval/slack-job-aid.json')).toBe(true);
  });

  it('a job aid too large for a Teams message (28 KB) is CARD_OVER_BUDGET for Teams', async () => {
    const dir = courseCopy();
    const aid = path.join(dir, 'units/discount-approval/job-aid.md');
    const steps = Array.from({ length: 40 }, (_, i) => `${i + 1}. ${'Compare the quoted line with the price book and note any difference. '.repeat(12)}`).join('\n');
    writeFileSync(aid, readFileSync(aid, 'utf8').replace(/## Steps\n\n[\s\S]*?\n\n## /, `## Steps\n\n${steps}\n\n## `));
    const { result, files } = await buildCards(dir);
    const over = result.diagnostics.filter((d) => d.code === 'CARD_OVER_BUDGET');
    expect(over.map((d) => d.message)).toEqual([expect.stringMatching(/^The teams card cards\/discount-approval\/teams-job-aid\.json is over the channel's limit: card size in bytes is \d+, at most 28672\./)]);
    expect(files.has('cards/discount-approval/teams-job-aid.json')).toBe(false);
    // Slack splits the steps over several sections and stays within its limits.
    const slack = JSON.parse(files.get('cards/discount-approval/slack-job-aid.json')!);
    expect(slack.blocks.filter((b: any) => b.type === 'section').length).toBeGreaterThan(5);
  });

  it('CARD_INVALID: Microsoft\'s parser rejects what Teams would not render (an unknown element, a link without url)', () => {
    const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Carousel3D' }], actions: [{ type: 'Action.OpenUrl', title: 'Open' }] };
    const problems = adaptiveCardProblems(card);
    expect(problems.join('\n')).toMatch(/Unknown element type "Carousel3D"/);
    expect(problems.join('\n')).toMatch(/"url" must be set/);
    // The library is the published one, not a copy.
    expect(createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.js')).toContain(`node_modules${path.sep}adaptivecards`);
  });

  it('without reinforcement.answer_url there are no nudge cards, and the build says why once', async () => {
    const dir = courseCopy();
    const config = path.join(dir, 'tandem.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('  answer_url: https://learn.acme.example\n', ''));
    const { result, files } = await buildCards(dir);
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['info CARDS_NO_ANSWER_URL']);
    expect([...files.keys()].filter((f) => f.includes('nudge'))).toEqual([]);
    expect(files.has('cards/lockout-tagout/slack-job-aid.json')).toBe(true);
  });
});
