/**
 * The last look before a file leaves the build: every text file a job produced (a job-aid page,
 * and each page, script, stylesheet and descriptor inside a package) is scanned for what looks
 * like a credential. The source checks (CONFIG_CREDENTIAL, CONTENT_CREDENTIAL) catch what authors
 * write; this catches what reaches an artifact any other way (a theme file Tandem falls back to,
 * an escaped or generated value). A hit fails the job (ARTIFACT_CREDENTIAL): nothing is written.
 * The diagnostic points at the source file holding the value when one does, and never repeats it.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { diagnose, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { readTextFile } from '../course/load/readTextFile.js';
import { credentialsInText } from '../course/validate/credentialsInText.js';
import { positionAt } from '../course/validate/positionAt.js';
import { subjectName, type Artifact, type BuildContext, type Job } from './targets/target.js';

const TEXT_FILE = /\.(html?|xhtml|js|mjs|css|json|xml|txt|md|svg|vtt|srt|csv)$/i;

/** ARTIFACT_CREDENTIAL for each credential in the artifacts of `job`; empty when they are clean. */
export function artifactCredentials(artifacts: readonly Artifact[], job: Job, ctx: Pick<BuildContext, 'course'>): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const artifact of artifacts) {
    for (const { entry, text } of textFiles(artifact)) {
      for (const credential of scan(text)) {
        const secret = text.slice(credential.index, credential.index + credential.length);
        found.push(
          diagnose(
            'ARTIFACT_CREDENTIAL',
            { reason: credential.reason, target: job.target, subject: subjectName(job.subject), entry },
            { ...sourceOf(secret, job, ctx), unitId: job.subject.kind === 'unit' ? job.subject.unit.id : undefined },
          ),
        );
      }
    }
  }
  return found;
}

/**
 * The player script and stylesheet are the same bytes in every package of a build (most of the
 * text scanned): large texts already found clean are remembered by hash and not scanned again.
 */
const CLEAN = new Set<string>();
const REMEMBER_FROM = 16 * 1024;
const REMEMBER_AT_MOST = 1024;

function scan(text: string) {
  if (text.length < REMEMBER_FROM) return credentialsInText(text);
  const key = createHash('sha1').update(text).digest('base64');
  if (CLEAN.has(key)) return [];
  const found = credentialsInText(text);
  if (found.length === 0 && CLEAN.size < REMEMBER_AT_MOST) CLEAN.add(key);
  return found;
}

const utf8 = new TextDecoder('utf-8');

function textFiles(artifact: Artifact): { entry: string; text: string }[] {
  const decode = (bytes: Uint8Array) => utf8.decode(bytes);
  if (artifact.path.endsWith('.zip')) {
    return new AdmZip(Buffer.from(artifact.bytes.buffer, artifact.bytes.byteOffset, artifact.bytes.byteLength))
      .getEntries()
      .filter((e) => !e.isDirectory && TEXT_FILE.test(e.entryName))
      .map((e) => ({ entry: `${artifact.path}:${e.entryName}`, text: decode(e.getData()) }));
  }
  return TEXT_FILE.test(artifact.path) ? [{ entry: artifact.path, text: artifact.text ?? decode(artifact.bytes) }] : [];
}

/** The course file that holds `secret`, at its position; else the unit's (or path's) file. */
function sourceOf(secret: string, job: Job, ctx: Pick<BuildContext, 'course'>): Location {
  const units = job.subject.kind === 'unit' ? [job.subject.unit] : job.subject.units;
  const themeDir = path.join(ctx.course.root, 'themes', ctx.course.config.theme);
  let themeFiles: string[] = [];
  try {
    themeFiles = readdirSync(themeDir).map((name) => path.join(themeDir, name));
  } catch {
    // No theme of its own.
  }
  const candidates = [...units.flatMap((u) => ['lesson.md', 'job-aid.md', 'unit.yaml'].map((name) => path.join(u.dir, name))), ctx.course.configFile, ...themeFiles];
  for (const file of candidates) {
    const read = readTextFile(file, ctx.course.root);
    if (!read.ok) continue;
    const index = read.text.indexOf(secret);
    if (index >= 0) return { file, ...positionAt(read.text, index) };
  }
  return { file: job.subject.kind === 'unit' ? job.subject.unit.unitFile : job.subject.path.file, line: 1, column: 1 };
}
