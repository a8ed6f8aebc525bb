/**
 * The compiler area: turns a checked course into release artifacts.
 *
 * Stages, one folder or module each: plan/ (every job, unit × target → output path, before
 * anything renders), cache/ (content-hash reuse), targets/ (one plugin per output format behind
 * targets/target.ts, listed in targets/registry.ts), lesson/ and jobAid/ (rendering shared by the
 * targets), theme/, package/ (zips and XML), sink/ (disk or memory), then build.ts, which runs them
 * and writes the release manifest.
 *
 * May import: the foundations (course, diagnostics, xapi, browserPool, release) and
 * runtime/contract. Other areas use the compiler through this module only.
 */
export { build, DEFAULT_SOURCE_DATE_EPOCH, type BuildOptions, type BuildProgress, type BuildResult, type BuildStats } from './build.js';
export { BuildCache } from './cache/buildCache.js';
export type { CachedJob, JobCache } from './cache/jobCache.js';
export { parseShard, shardProblem, type Shard } from './plan/shard.js';
export { DiskSink } from './sink/diskSink.js';
export { MemorySink } from './sink/memorySink.js';
export type { Sink } from './sink/sink.js';
export { checkThemeFiles } from './theme/themeHash.js';
/** The brand as design tokens (--tandem-*) and the logo, for other areas' pages (preview, cards). */
export { brandTokens, brandView, type BrandView } from './theme/brandCss.js';
export { findTarget, TARGETS } from './targets/registry.js';
export { PLAYER_BUNDLES_DIR } from './lesson/playerScript.js';
export { onlineAddress } from './jobAid/jobAidAddress.js';
export { renderCards, unitCards, type CardFile, type RenderedCards } from './cards/renderCards.js';
export { CHANNELS, type AnswerParams, type Card, type Channel } from './cards/cardContent.js';
export { emailCard, type EmailCard } from './cards/emailCard.js';
export type { Artifact, Job, Target } from './targets/target.js';
