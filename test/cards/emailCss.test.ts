/**
 * Email cards inline their CSS as juice does, byte for byte, while juice matches selectors once
 * per element kind rather than once per email (it was 80 % of rendering 1,000 units' cards).
 * juice itself is the reference: every email is compared with juice run on the same document.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import juice from 'juice';
import { loadCourse } from '../../src/course/index.js';
import type { Course } from '../../src/course/model/course.js';
import { CHANNELS, type Card, type JobAidCard, type NudgeCard } from '../../src/compile/cards/cardContent.js';
import { emailCard, emailDocument, emailStyle } from '../../src/compile/cards/emailCard.js';
import { DEFAULT_BRAND, type Brand } from '../../src/course/model/brand.js';
import { assertChainSelectors, inlineEmailCss, JUICE_OPTIONS } from '../../src/compile/cards/inlineEmailCss.js';
import { renderCards, unitCards } from '../../src/compile/cards/renderCards.js';

/** A brand unlike the default and the sample's, with a name that needs escaping. */
const ZENITH: Brand = { name: 'Zenith "Co" <Learning> & Sons', primary: '#8a1538', onPrimary: '#fffbe6', accent: '#00607a', onAccent: '#ffffff', font: { kind: 'bundled', name: 'Atkinson Hyperlegible' } };
const EMAIL_STYLE = emailStyle(DEFAULT_BRAND);

const identity = { unitId: 'u', objectiveId: 'OBJ-X', version: '1.0.0', footer: 'Objective OBJ-X · version 1.0.0' };

/** Markdown where the email's HTML is not tidy: paragraphs split inside list items and links, nested lists, template braces. */
const awkward: Card[] = [
  {
    ...identity,
    kind: 'job-aid',
    name: 'job-aid',
    title: 'Clearing *jams* & <b>guards</b>',
    whenToUse: 'Before you reach in.\n\n> Never with the line running.\n\n| a | b |\n|---|---|\n| `x` | **y** |',
    steps: [
      { number: 1, markdown: 'Stop the line.\n\nThen wait for the **rollers** to stop.' },
      { number: 2, markdown: 'Lock out:\n\n- E-1\n- P-1\n  1. nested\n  2. list\n\n  with a second paragraph' },
      { number: 3, markdown: '# A heading in a step\n\nand `code`, a [link](https://example.com/a?b=1&c=2), <span style="color:red">author HTML</span>' },
      { number: 4, markdown: 'Type {{name}} and <% do %> into the form' },
      { number: 5, markdown: 'Mention style="color: red" in prose' },
    ],
    table: { header: ['If', 'Then'], rows: [['**jam** *near* the blade', '- stop\n- call'], ['two\n\nparagraphs', '']] },
    escalation: 'Call **Ana**.\n\n1. first\n2. second',
    jobAidUrl: 'https://aids.example/loto.html?o=OBJ-X&v=1.0.0&src=email',
  } satisfies JobAidCard,
  {
    ...identity,
    kind: 'nudge',
    name: 'nudge-q1',
    unitTitle: 'Lockout',
    question: { id: 'q1', prompt: 'Is the E-stop **enough**?\n\nThink first.', choices: [], step: { number: 2, text: 'Lock out\n\nall sources' } },
    answers: [
      { choiceId: 'a', text: 'Yes\n\nit is', url: 'https://learn.example/nudges/answer?u=u&q=q1&c=a&src=email' },
      { choiceId: 'b', text: '- No\n- never', url: 'https://learn.example/nudges/answer?u=u&q=q1&c=b&src=email' },
    ],
  } as unknown as NudgeCard,
];

let sample: Course | undefined;
async function sampleCourse(): Promise<Course> {
  sample ??= (await loadCourse('fixtures/sample-course')).course!;
  return sample;
}

afterEach(() => vi.restoreAllMocks());

describe('email CSS inlining', () => {
  it.each([
    ['the sample course brand', undefined],
    ['the default brand', DEFAULT_BRAND],
    ['a distinctive brand (Zenith)', ZENITH],
  ] as const)('every email of the sample course and of awkward Markdown, in %s, is byte for byte what juice writes', async (_, given) => {
    const course = await sampleCourse();
    const brand = given ?? course.config.brand;
    const cards = [...course.units.flatMap((u) => unitCards(course, u, 'email').map((card) => ({ card, language: u.contract.language }))), ...awkward.map((card) => ({ card, language: 'en' }))];
    expect(cards.length).toBeGreaterThan(8);
    for (const { card, language } of cards) {
      const { document } = emailDocument(card, language, brand);
      const html = emailCard(card, language, brand).html;
      expect(html, `${card.unitId} ${card.name}`).toBe(juice(document, JUICE_OPTIONS));
      expect(html).toContain(`<body style="margin: 0; padding: 0; background: #f4f5f7; font-family: '${(brand.font as { name: string }).name}', 'Segoe UI', Arial, sans-serif;`);
    }
  });

  it('the stylesheet is made of the brand: primary on links, answers, buttons (on_primary text), headings and the step box; the font named first; no font or image to download', () => {
    const css = emailStyle(ZENITH);
    expect(css).toContain("font-family: 'Atkinson Hyperlegible', 'Segoe UI', Arial, sans-serif;");
    expect(css).toMatch(/a\.button \{[^}]*background: #8a1538; color: #fffbe6;/);
    expect(css).toMatch(/a\.answer \{[^}]*border: 2px solid #8a1538;[^}]*color: #8a1538;/);
    expect(css).toMatch(/\.step \{[^}]*border-left: 4px solid #8a1538;/);
    expect(css).toMatch(/h1 \{[^}]*color: #8a1538;/);
    expect(css).not.toMatch(/#1f5fbf|#0b57d0|@font-face|url\(/);
    // A course font file cannot be loaded by a mail client and its family name is not known: the fallbacks alone.
    const withFile = emailStyle({ ...ZENITH, font: { kind: 'file', file: '/course/brand/acme.woff2', format: 'woff2' } });
    expect(withFile).toContain("font-family: 'Segoe UI', Arial, sans-serif;");
    expect(withFile).not.toMatch(/Tandem Brand|acme\.woff2/);
    expect(() => assertChainSelectors(css)).not.toThrow();
    expect(() => assertChainSelectors(withFile)).not.toThrow();
  });

  it("the brand's name is escaped in the footer, and a colour that is not a checked #rrggbb is refused, never written into the CSS", () => {
    const card = awkward[1]!;
    const { html, text } = emailCard(card, 'en', ZENITH);
    expect(html).toContain('>Zenith &quot;Co&quot; &lt;Learning&gt; &amp; Sons · Objective OBJ-X · version 1.0.0</p>');
    expect(text.endsWith('\nZenith "Co" <Learning> & Sons · Objective OBJ-X · version 1.0.0\n')).toBe(true);
    for (const primary of ['red', '#8a1538; background: url(https://evil.example/x)', '#8a1538}</style><script>alert(1)</script>', '#8a1538"']) {
      expect(() => emailCard(card, 'en', { ...ZENITH, primary }), primary).toThrow(/not a checked #rrggbb colour/);
    }
    expect(() => emailStyle({ ...ZENITH, onPrimary: '#fff;}' })).toThrow(/brand\.onPrimary/);
  });

  it('an element with a style of its own, or a second stylesheet, goes through juice whole (juice merges them)', () => {
    const document = `<!DOCTYPE html>\n<html><head><style>${EMAIL_STYLE}</style></head><body><div class="card"><p style="color: red; font-size: 12px">x</p><style>p { margin: 0 }</style></div></body></html>`;
    const inlined = inlineEmailCss(document, EMAIL_STYLE);
    expect(inlined).toBe(juice(document, JUICE_OPTIONS));
    expect(inlined).toContain('<p style="line-height: 1.5; margin: 0; color: red; font-size: 12px;">x</p>');
  });

  it('rendering 60 emails matches selectors once per element kind, not once per email', async () => {
    const course = await sampleCourse();
    const matching = vi.spyOn(juice, 'juiceDocument');
    let emails = 0;
    for (let round = 0; round < 10; round++) for (const unit of course.units) emails += renderCards(course, unit, 'email').files.filter((f) => f.path.endsWith('.html')).length;
    expect(emails).toBeGreaterThanOrEqual(60);
    // One per distinct ancestor chain (html, body, div.card, h1, ol > li, table.decisions > … > td, …), whatever the number of emails.
    expect(matching.mock.calls.length).toBeLessThan(40);
    expect(matching.mock.calls.length).toBeLessThan(emails / 2);
  });

  it('the stylesheet may only use selectors whose match depends on names and classes of the element and its ancestors', () => {
    expect(() => assertChainSelectors(EMAIL_STYLE)).not.toThrow();
    for (const css of ['a:hover { color: red }', 'ul > li { margin: 0 }', 'p + p { margin: 0 }', 'a[href] { color: red }', '@media (max-width: 600px) { .card { padding: 8px } }', '#main { margin: 0 }', '* { margin: 0 }']) {
      expect(() => assertChainSelectors(css), css).toThrow(/selectors that per-kind inlining cannot reproduce/);
    }
  });

  it('the cards of every channel are the same whether a unit is rendered once or again (texts lexed once per unit)', async () => {
    const course = await sampleCourse();
    const unit = course.units.find((u) => u.id === 'lockout-tagout')!;
    const first = CHANNELS.map((c) => renderCards(course, unit, c).files.map((f) => f.text));
    const again = CHANNELS.map((c) => renderCards(course, unit, c).files.map((f) => f.text));
    expect(again).toEqual(first);
    expect(first.flat().join('\n')).toContain('Clearing a jam on the Line 3 case packer');
  });
});
