/**
 * Issue 14: a course theme rewords the player's texts, or adds a language, in
 * themes/<theme>/lesson-strings.yaml; the built lesson page carries them (in its template and in
 * the texts the player's script reads), and a language it adds is no longer "unsupported".
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/compile/build.js';
import { MemorySink } from '../../src/compile/sink/memorySink.js';
import { useTempDirs } from '../support/tempDirs.js';

const { courseCopy } = useTempDirs('tandem-strings-');

function lessonPage(sink: MemorySink, unit: string): string {
  const zip = new AdmZip(Buffer.from(sink.files.get(`scorm12/${unit}.zip`)!));
  return zip.getEntry(`units/${unit}/index.html`)!.getData().toString('utf8');
}

describe("the theme's lesson-strings.yaml", () => {
  it('rewords a text in a shipped language and adds a language, in the page and in the texts the player reads', async () => {
    const dir = courseCopy();
    mkdirSync(path.join(dir, 'themes/default'), { recursive: true });
    writeFileSync(path.join(dir, 'themes/default/lesson-strings.yaml'), 'en:\n  next: Continue\nja:\n  next: 次へ\n  back: 戻る\n');
    const unitFile = path.join(dir, 'units/lockout-tagout/unit.yaml');
    writeFileSync(unitFile, readFileSync(unitFile, 'utf8').replace(/^language: en$/m, 'language: ja'));
    const sink = new MemorySink();
    const { diagnostics } = await build({ courseDir: dir, targets: ['scorm12'], sink, manifest: false });
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);

    const english = lessonPage(sink, 'refund-approval');
    expect(english).toContain('data-action="next">Continue</button>');
    expect(JSON.parse(/<script type="application\/json" id="tandem-strings">(.*?)<\/script>/.exec(english)![1]!)).toMatchObject({ next: 'Continue', back: 'Back' });

    const japanese = lessonPage(sink, 'lockout-tagout');
    expect(japanese).toContain('<html lang="ja">');
    expect(japanese).toContain('data-action="next">次へ</button>');
    // What the theme does not translate stays English.
    expect(japanese).toContain('data-action="exit">Save and exit</button>');
  });
});
