/**
 * The set of statement ids already counted, for de-duplication by `id` (xAPI 1.0.3 Data §2.4.1:
 * the id identifies the statement; an LRS export or a journal that retried a POST may hold it
 * twice).
 *
 * Exact de-duplication has to remember every id it has seen, so this is the one structure in a
 * report that grows with the number of statements; it is kept to 8 bytes each. An id is reduced to
 * a 64-bit fingerprint: for a UUID (what xAPI requires) the two 64-bit halves XORed, which keeps the
 * random bits of a v4 UUID; for anything else a 64-bit FNV-1a. The fingerprints live in one
 * open-addressing table of 32-bit pairs held under a 0.5 load factor: 16 MB per million
 * statements, against about 100 MB for a `Set` of the id strings. Two different ids share a
 * fingerprint with probability about n²/2⁶⁵ (3·10⁻⁸ at a million), the price of the bound.
 */
export class IdFingerprintSet {
  private table = new Uint32Array(2 * 1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The table as bytes, for a saved pass (source/passSnapshot). */
  toBytes(): Uint8Array {
    return new Uint8Array(this.table.buffer, this.table.byteOffset, this.table.byteLength);
  }

  /** A set from toBytes' output; undefined when the bytes are not a table (a damaged file). */
  static fromBytes(bytes: Uint8Array): IdFingerprintSet | undefined {
    const slots = bytes.byteLength / 8;
    if (!Number.isInteger(slots) || slots < 1024 || (slots & (slots - 1)) !== 0) return undefined;
    const set = new IdFingerprintSet();
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    set.table = new Uint32Array(copy.buffer);
    for (let i = 0; i < set.table.length; i += 2) if (set.table[i] !== 0 || set.table[i + 1] !== 0) set.count++;
    return set;
  }

  /** Adds the id; true when it was new. */
  add(id: string): boolean {
    return this.insert(fingerprint(id), true);
  }

  has(id: string): boolean {
    return !this.insert(fingerprint(id), false);
  }

  private insert([hi, lo]: [number, number], store: boolean): boolean {
    const slots = this.table.length / 2;
    let slot = (Math.imul(hi ^ lo, 0x9e3779b1) >>> 0) & (slots - 1);
    for (;;) {
      const h = this.table[2 * slot]!;
      const l = this.table[2 * slot + 1]!;
      if (h === 0 && l === 0) break;
      if (h === hi && l === lo) return false;
      slot = (slot + 1) & (slots - 1);
    }
    if (!store) return true;
    this.table[2 * slot] = hi;
    this.table[2 * slot + 1] = lo;
    this.count++;
    if (this.count * 2 > slots) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    this.count = 0;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] !== 0 || old[i + 1] !== 0) this.insert([old[i]!, old[i + 1]!], true);
    }
  }
}

const UUID = /^([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})([0-9a-f]{8})$/i;

function fingerprint(id: string): [number, number] {
  const m = UUID.exec(id);
  let hi: number;
  let lo: number;
  if (m) {
    hi = (parseInt(m[1]!, 16) ^ parseInt(m[4]! + m[5]!, 16)) >>> 0;
    lo = (parseInt(m[2]! + m[3]!, 16) ^ parseInt(m[6]!, 16)) >>> 0;
  } else {
    [hi, lo] = fnv1a64(id);
  }
  // (0, 0) marks an empty slot.
  return hi === 0 && lo === 0 ? [0, 1] : [hi, lo];
}

/** FNV-1a, 64-bit, computed in two 32-bit halves (offset basis cbf29ce484222325, prime 100000001b3). */
function fnv1a64(text: string): [number, number] {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    lo ^= text.charCodeAt(i);
    // Multiply (hi, lo) by 2^40 + 0x1b3.
    const loMul = lo * 0x1b3;
    const carry = Math.floor(loMul / 0x100000000);
    const newLo = loMul >>> 0;
    hi = (Math.imul(hi, 0x1b3) + carry + ((lo << 8) >>> 0)) >>> 0;
    lo = newLo;
  }
  return [hi >>> 0, lo >>> 0];
}
