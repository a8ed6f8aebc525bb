/**
 * The credential scan finds passwords in URLs by trying its regex only where a "://" is
 * (urlPasswords), instead of at every word of the text. It must find exactly what the plain global
 * regex finds: same matches, same order, same positions, on random text dense with the characters
 * that decide a match (scheme characters, word boundaries, ":", "/", "@", spaces).
 */
import { describe, expect, it } from 'vitest';
import { credentialsInText, urlPasswords } from '../../src/course/validate/credentialsInText.js';

const URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@"'<>()[\]]+:([^\s/?#@"'<>()[\]]+)@/gi;
const plain = (text: string) => [...text.matchAll(URL_PASSWORD)].map((m) => [m.index, m[0], m[1]]);
const anchored = (text: string) => [...urlPasswords(text)].map((m) => [m.index, m[0], m[1]]);

/** A small deterministic generator (mulberry32), so a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', 'Z', '7', '_', '+', '.', '-', ':', '/', '//', '://', '@', ' ', '\n', '?', '#', '"', 'https', 'ftp', 'user', 'pw', ':pw@', 'é'];

describe('urlPasswords: the anchored URL scan', () => {
  it('finds what the global regex finds on 20,000 random texts', () => {
    for (let seed = 1; seed <= 20_000; seed++) {
      const next = random(seed);
      let text = '';
      const length = 1 + Math.floor(next() * 40);
      for (let i = 0; i < length; i++) text += PIECES[Math.floor(next() * PIECES.length)];
      expect(anchored(text), `seed ${seed}: ${JSON.stringify(text)}`).toEqual(plain(text));
    }
  });

  it('takes the leftmost start of a scheme, restarts after a match and skips word-joined schemes', () => {
    const cases = [
      'see x.y+z://u:p@host and ftp://a:b@c',
      'https://a:b@https://c:d@e',
      '_https://u:p@h',
      'ahttps://u:p@h',
      '-https://u:p@h',
      '1x://u:p@h',
      'x://u:p@h://v:q@i',
      '://u:p@h',
      'http://host/a:b@c',
    ];
    for (const text of cases) expect(anchored(text), text).toEqual(plain(text));
    expect(anchored('see x.y+z://u:p@host and ftp://a:b@c').map((m) => m[1])).toEqual(['x.y+z://u:p@', 'ftp://a:b@']);
  });

  it('reports the password itself, at its position, through credentialsInText', () => {
    const text = 'Log in at https://admin:hunter2secret@intranet.example.com today.';
    expect(credentialsInText(text)).toEqual([{ index: text.indexOf('hunter2secret'), length: 'hunter2secret'.length, reason: 'a user name and password in a URL' }]);
  });
});
