/**
 * Statement ids and times. xAPI 1.0.3 Data §2.4.1: the id is a UUID (we use version 4); §2.4.7:
 * timestamps are ISO 8601, and cmi5 9.7 requires UTC, so `toISOString()` (UTC, milliseconds).
 */

/** A random (version 4) UUID. `crypto.randomUUID` exists only in secure contexts, and LMSs still serve content over http. */
export function newUuid(random: Crypto = globalThis.crypto): string {
  if (typeof random.randomUUID === 'function' && globalThis.isSecureContext !== false) return random.randomUUID();
  const bytes = random.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `2024-05-01T09:30:00.123Z`. */
export function utcTimestamp(date: Date): string {
  return date.toISOString();
}

/**
 * An ISO 8601 duration for `result.duration`, e.g. `PT1H2M3.45S`. xAPI 1.0.3 Data §4.6 lets an LRS
 * truncate to 0.01 s, so we send hundredths and never more; hours are not folded into days, which
 * keeps the value exact (a "day" in ISO 8601 is not always 24 hours).
 */
export function isoDuration(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(centis / 360000);
  const minutes = Math.floor((centis % 360000) / 6000);
  const seconds = (centis % 6000) / 100;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds || (!hours && !minutes) ? `${seconds}S` : ''}`;
}
