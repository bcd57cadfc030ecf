// Near-duplicate detection between follow-ups: candidates for one position who send the same text
// (a shared template, a generated letter) lose personal-tone points, with the other message named.

/** Distinct hashes of the text's word 3-shingles, sorted ascending. */
export type Fingerprint = Uint32Array;

export const SHINGLE_WORDS = 3;
/**
 * Below this many shingles (about twenty words) two texts are not compared: two people writing
 * "Hi Sam, thanks for the chat today. Looking forward to next steps." have not copied each other, and
 * short notes like that would otherwise make every position's comparison quadratic.
 */
export const MIN_SHINGLES = 20;

const NON_ASCII_WORD_CHAR = /[\p{L}\p{N}]/u;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function isWordChar(code: number, text: string, i: number): boolean {
  if (code < 128)
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  return NON_ASCII_WORD_CHAR.test(text[i]);
}

/** FNV-1a hashes of the lower-cased words (letters and digits; an apostrophe inside a word stays). */
function wordHashes(text: string): number[] {
  const hashes: number[] = [];
  let h = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (isWordChar(c, text, i)) {
      if (c >= 65 && c <= 90) c += 32;
      else if (c >= 128) c = text[i].toLowerCase().charCodeAt(0);
      h = Math.imul(h ^ c, FNV_PRIME);
      inWord = true;
    } else if (
      inWord &&
      (c === 39 || c === 0x2019) &&
      i + 1 < text.length &&
      isWordChar(text.charCodeAt(i + 1), text, i + 1)
    ) {
      h = Math.imul(h ^ 39, FNV_PRIME);
    } else if (inWord) {
      hashes.push(h >>> 0);
      h = FNV_OFFSET;
      inWord = false;
    }
  }
  if (inWord) hashes.push(h >>> 0);
  return hashes;
}

/** murmur3's finalizer: spreads the combined word hashes over all 32 bits. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function fingerprint(text: string): Fingerprint {
  const words = wordHashes(text);
  if (words.length === 0) return new Uint32Array(0);
  const count = Math.max(1, words.length - SHINGLE_WORDS + 1);
  const shingles = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = FNV_OFFSET;
    for (let j = i; j < Math.min(i + SHINGLE_WORDS, words.length); j++)
      h = Math.imul(h ^ words[j], FNV_PRIME);
    shingles[i] = mix(h);
  }
  shingles.sort();
  let n = 0;
  for (let i = 0; i < shingles.length; i++)
    if (i === 0 || shingles[i] !== shingles[i - 1]) shingles[n++] = shingles[i];
  return shingles.slice(0, n);
}

/**
 * The Jaccard similarity of two fingerprints when it is at least `t`, else -1. J ≥ t exactly when the
 * shared count reaches t·(|a| + |b|) / (1 + t), so the merge stops as soon as what is left cannot
 * reach that: most pairs a prefix filter proposes are far below the threshold.
 */
function jaccardAtLeast(a: Fingerprint, b: Fingerprint, t: number): number {
  // Rounded down a little, so that rounding error can only let a pair through to the exact test below.
  const needed = Math.ceil((t * (a.length + b.length)) / (1 + t) - 1e-6);
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (shared + Math.min(a.length - i, b.length - j) < needed) return -1;
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  const sim = shared / (a.length + b.length - shared);
  return sim >= t ? sim : -1;
}

/** Jaccard similarity of the two texts' shingle sets (0 when either is empty). */
export function similarity(a: string | Fingerprint, b: string | Fingerprint): number {
  const x = typeof a === "string" ? fingerprint(a) : a;
  const y = typeof b === "string" ? fingerprint(b) : b;
  return x.length === 0 || y.length === 0 ? 0 : jaccardAtLeast(x, y, 0);
}

export interface SimilarityItem {
  id: number;
  /** Only items in the same group are compared (a position). */
  groupKey: string | number;
  /** Items with the same owner are never duplicates of each other (one candidate's own messages). */
  ownerKey: number;
  text: string;
  /** A fingerprint computed earlier, to skip recomputing it. */
  fingerprint?: Fingerprint;
}

export interface NearDuplicateMatch {
  otherId: number;
  similarity: number;
}

/**
 * For each item that has one, another owner's item in its group with similarity ≥ threshold.
 *
 * Exact, without comparing all pairs: prefix filtering (Chaudhuri et al.; Bayardo et al.). Order each
 * fingerprint rarest shingle first; two sets with Jaccard ≥ t must share a shingle among the first
 * |x| − ⌈t·|x|⌉ + 1 of each, so only items sharing such a prefix shingle are verified. Rare shingles go
 * first, so posting lists stay short for ordinary text. A shared template makes them long instead; then
 * each item stops at its first match, and a second index holds only still-unmatched items, so a position
 * of 5,000 copies costs a few thousand verifications, not millions. Every item that has a near-duplicate
 * gets one (not necessarily its closest). `counts`, when given, gets the number of pairs merged.
 */
export function findNearDuplicates(
  items: readonly SimilarityItem[],
  threshold = 0.8,
  counts: { merged: number } = { merged: 0 },
): Map<number, NearDuplicateMatch> {
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError("threshold must be in (0, 1]");
  const result = new Map<number, NearDuplicateMatch>();
  const groups = new Map<string | number, SimilarityItem[]>();
  for (const item of items) {
    const group = groups.get(item.groupKey);
    if (group) group.push(item);
    else groups.set(item.groupKey, [item]);
  }
  for (const group of groups.values()) {
    if (group.length > 1) findInGroup(group, threshold, result, counts);
  }
  return result;
}

function findInGroup(
  group: SimilarityItem[],
  t: number,
  result: Map<number, NearDuplicateMatch>,
  counts: { merged: number },
): void {
  const entries = group
    .map((item) => ({ item, fp: item.fingerprint ?? fingerprint(item.text) }))
    .filter((e) => e.fp.length >= MIN_SHINGLES)
    .sort((a, b) => a.item.id - b.item.id);
  const n = entries.length;
  if (n < 2) return;

  const frequency = new Map<number, number>();
  for (const { fp } of entries) for (const h of fp) frequency.set(h, (frequency.get(h) ?? 0) + 1);

  const prefixes: Uint32Array[] = entries.map(({ fp }) => {
    // Rarest first, ties by hash: sort frequency × 2³² + hash as plain numbers (exact below 2⁵³).
    const order = new Float64Array(fp.length);
    for (let i = 0; i < fp.length; i++) order[i] = frequency.get(fp[i])! * 4294967296 + fp[i];
    order.sort();
    const prefix = new Uint32Array(fp.length - Math.ceil(t * fp.length) + 1);
    for (let i = 0; i < prefix.length; i++) prefix[i] = order[i] % 4294967296;
    return prefix;
  });

  const matched: (NearDuplicateMatch | undefined)[] = new Array(n);
  const stamp = new Int32Array(n).fill(-1);
  const all = new Map<number, number[]>();
  const open = new Map<number, number[]>();

  // x's prefix is walked in order, so y is first met at the first shingle the two share: at position i
  // of x's order and j of y's. Only shingles from there on can be shared, at most min(|x| − i, |y| − j)
  // of them (PPJoin's positional filter), which rules out most pairs before they are merged.
  const candidate = (x: number, i: number, y: number, j: number): number => {
    if (stamp[y] === x || entries[y].item.ownerKey === entries[x].item.ownerKey) return -1;
    stamp[y] = x;
    const a = entries[x].fp.length;
    const b = entries[y].fp.length;
    if (b < t * a || a < t * b) return -1;
    if (Math.min(a - i, b - j) < Math.ceil((t * (a + b)) / (1 + t) - 1e-6)) return -1;
    counts.merged++;
    return jaccardAtLeast(entries[x].fp, entries[y].fp, t);
  };
  const link = (x: number, y: number, sim: number) => {
    matched[x] ??= { otherId: entries[y].item.id, similarity: sim };
    matched[y] ??= { otherId: entries[x].item.id, similarity: sim };
  };

  for (let x = 0; x < n; x++) {
    const prefix = prefixes[x];
    // (a) A match for x: stop at the first. Posting lists hold pairs: an item and the shingle's position
    // in its order.
    search: for (let i = 0; i < prefix.length; i++) {
      const list = all.get(prefix[i]);
      if (!list) continue;
      for (let k = 0; k < list.length; k += 2) {
        const y = list[k];
        const sim = candidate(x, i, y, list[k + 1]);
        if (sim >= t) {
          link(x, y, sim);
          break search;
        }
      }
    }
    // (b) Earlier items still without a match may match x; (a) already verified x against everything
    // it shares a prefix with unless it stopped early.
    if (matched[x]) {
      for (let i = 0; i < prefix.length; i++) {
        const list = open.get(prefix[i]);
        if (!list) continue;
        let keep = 0;
        for (let k = 0; k < list.length; k += 2) {
          const y = list[k];
          if (matched[y]) continue;
          const sim = candidate(x, i, y, list[k + 1]);
          if (sim >= t) link(y, x, sim);
          else {
            list[keep++] = y;
            list[keep++] = list[k + 1];
          }
        }
        list.length = keep;
      }
    }
    for (let i = 0; i < prefix.length; i++) {
      const h = prefix[i];
      const list = all.get(h);
      if (list) list.push(x, i);
      else all.set(h, [x, i]);
      if (!matched[x]) {
        const openList = open.get(h);
        if (openList) openList.push(x, i);
        else open.set(h, [x, i]);
      }
    }
  }
  for (let i = 0; i < n; i++) {
    const m = matched[i];
    if (m) result.set(entries[i].item.id, m);
  }
}
