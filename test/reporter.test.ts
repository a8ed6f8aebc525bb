import { describe, expect, it } from 'vitest';
import { codeFrame } from '../src/diagnostics/codeFrame.js';
import { diagnose } from '../src/diagnostics/diagnostic.js';
import { formatDiagnostics } from '../src/diagnostics/reporter.js';

describe('reporter', () => {
  const d = diagnose('OWNER_MISSING', { role: 'sme', label: 'SME' }, { file: '/course/units/a/unit.yaml', line: 2, column: 3, unitId: 'a' });

  it('human output names file:line:col, severity, code, message, frame and hint', () => {
    const text = formatDiagnostics([d], 'human', { cwd: '/course', sources: new Map([['/course/units/a/unit.yaml', 'owners:\n  ld_lead: A\n  analyst: B\n']]) });
    expect(text).toBe(
      [
        'units/a/unit.yaml:2:3 error OWNER_MISSING',
        '  No SME is named for this unit (`owners.sme`).',
        '    1 | owners:',
        '  > 2 |   ld_lead: A',
        '      |   ^',
        '    3 |   analyst: B',
        '  → Name the SME: every unit needs an L&D lead, an ops manager, an SME and an analyst who answer for it.',
        '',
        '1 error, 0 warnings.',
        '',
      ].join('\n'),
    );
  });

  it('escapes GitHub annotation properties and data', () => {
    const odd = { ...d, file: '/course/a,b:c.yaml', message: '100% sure\nreally' };
    const text = formatDiagnostics([odd], 'github', { cwd: '/course' });
    expect(text).toBe('::error file=a%2Cb%3Ac.yaml,line=2,col=3,title=OWNER_MISSING::100%25 sure%0Areally Name the SME: every unit needs an L&D lead, an ops manager, an SME and an analyst who answer for it.\n');
  });

  it('code frames clamp to the file and underline a range', () => {
    expect(codeFrame('a\nbcdef\n', 2, 2, 5, 0)).toBe('> 2 | bcdef\n    |  ^^^');
    expect(codeFrame('a\n', 9, 1)).toBe('');
  });
});
