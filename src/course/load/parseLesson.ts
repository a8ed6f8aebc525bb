/**
 * lesson.md → Lesson: screens split at # and ## headings, ```question blocks parsed into
 * questions, words counted for the time estimate, asset references collected.
 */
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Lesson, Question, Screen } from '../model/lesson.js';
import type { AssetRef } from '../model/unit.js';
import { collectAssetRefs } from './collectAssetRefs.js';
import { findUnsafeHtml } from './findUnsafeHtml.js';
import { findLessonContentProblems } from './lessonContent.js';
import { countWords, declaredObjective, parseMarkdownSource, type PositionedToken } from './markdownSource.js';
import { parseMediaBlock } from './parseMediaBlock.js';
import { parseQuestion } from './parseQuestion.js';

export function parseLesson(text: string, file: string, unitId?: string): { lesson: Lesson; diagnostics: Diagnostic[] } {
  const source = parseMarkdownSource(text, file, unitId);
  const diagnostics = [...source.diagnostics, ...findUnsafeHtml(source, 'LESSON_HTML_UNSAFE', unitId), ...findLessonContentProblems(source, unitId)];
  /** References written in YAML blocks (media, question images), which the Markdown scan does not see. */
  const blockRefs: AssetRef[] = [];
  let mediaSeconds = 0;
  const screens: Screen[] = [];
  const questions: Question[] = [];
  let words = 0;
  let questionNumber = 0;
  let pending: PositionedToken[] = [];
  let current: Screen | undefined;
  let reportedStrayText = false;

  const flushMarkdown = () => {
    if (!current || pending.length === 0) return;
    const markdown = pending.map((t) => t.token.raw).join('');
    if (markdown.trim()) {
      current.blocks.push({ kind: 'markdown', markdown });
      words += countWords(markdown);
    }
    pending = [];
  };

  for (const positioned of source.tokens) {
    const { token } = positioned;
    if (token.type === 'heading' && token.depth <= 2) {
      flushMarkdown();
      current = { index: screens.length + 1, title: token.text.trim(), blocks: [], line: positioned.line };
      screens.push(current);
      words += countWords(token.text);
      continue;
    }
    if (!current) {
      const ignorable = token.type === 'space' || (token.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(token.raw));
      if (!ignorable && !reportedStrayText) {
        diagnostics.push(diagnose('LESSON_TEXT_BEFORE_SCREEN', {}, source.at(positioned.offset)));
        reportedStrayText = true;
      }
      continue;
    }
    const blockType = token.type === 'code' ? (token.lang ?? '').trim().split(/\s+/)[0] : undefined;
    const fence = source.at(positioned.offset);
    // The YAML starts on the line after the opening fence; its indentation is the fence's.
    const yaml = () => dedent(token.raw.replace(/^[^\n]*\n?/, '').replace(/\n?[ \t]*(`{3,}|~{3,})[ \t]*\n*$/, ''), (fence.column ?? 1) - 1);
    if (blockType === 'video' || blockType === 'audio') {
      flushMarkdown();
      const { media, durationSeconds, assetRefs, diagnostics: found } = parseMediaBlock({ type: blockType, yaml: yaml(), file, fenceLine: fence.line!, fenceColumn: fence.column!, unitId });
      diagnostics.push(...found);
      blockRefs.push(...assetRefs);
      if (media) current.blocks.push({ kind: 'media', media });
      mediaSeconds += durationSeconds ?? 0;
      continue;
    }
    if (blockType === 'question') {
      flushMarkdown();
      questionNumber++;
      const { question, assetRefs, diagnostics: found } = parseQuestion({
        yaml: yaml(),
        file,
        fenceLine: fence.line!,
        fenceColumn: fence.column!,
        number: questionNumber,
        unitId,
      });
      diagnostics.push(...found);
      blockRefs.push(...assetRefs);
      if (question) {
        questions.push(question);
        current.blocks.push({ kind: 'question', question });
        words += countWords(questionWords(question));
      }
      continue;
    }
    pending.push(positioned);
  }
  flushMarkdown();

  if (screens.length === 0) diagnostics.push(diagnose('LESSON_NO_SCREENS', {}, { file, line: 1, column: 1, unitId }));

  const seen = new Map<string, number>();
  for (const q of questions) {
    if (seen.has(q.id)) diagnostics.push(diagnose('QUESTION_ID_DUPLICATE', { id: q.id }, { file, line: q.line, column: 1, unitId }));
    seen.set(q.id, q.line);
  }

  const lesson: Lesson = {
    file,
    declaredObjective: declaredObjective(source),
    screens,
    questions,
    questionBlockCount: questionNumber,
    wordCount: words,
    mediaSeconds,
    assetRefs: [...collectAssetRefs(source), ...blockRefs].sort((a, b) => a.line - b.line || a.column - b.column),
  };
  return { lesson, diagnostics };
}

/** What a learner reads of a question: prompt, choices or steps (not feedback, read only after answering). */
function questionWords(q: Question): string {
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice':
      return [q.prompt, ...q.choices.map((c) => c.text)].join(' ');
    case 'sequencing':
      return [q.prompt, ...q.steps.map((s) => s.text)].join(' ');
    default:
      return q.prompt;
  }
}

function dedent(text: string, columns: number): string {
  if (columns <= 0) return text;
  const prefix = new RegExp(`^[ \\t]{0,${columns}}`, 'gm');
  return text.replace(prefix, '');
}
