// Finds the phrase lists' entries in a text in one pass. Literal phrases go into a trie over wink's
// normalized tokens (one walk per token position, whatever the number of phrases), so the text is
// tokenized once for both the phrases and the content words; only pattern entries run as regular
// expressions. One alternation of every phrase with word-boundary lookarounds ran at a few thousand
// messages a second; scoring must reach 10,000.
import type { PhraseKind, PhraseList } from "./phrases";
import { analyzeText, type Tokens } from "./text";

export interface PhraseMatch {
  kind: PhraseKind;
  /** The text as found. */
  text: string;
  start: number;
  end: number;
}

export type PhraseMatches = Partial<Record<PhraseKind, PhraseMatch[]>>;

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Kinds (as indexes into the matcher's lists) for which the tokens so far form a whole phrase. */
  kinds: number[] | null;
}

export class PhraseMatcher {
  readonly kinds: readonly PhraseKind[];
  private readonly root: TrieNode = { next: new Map(), kinds: null };
  private readonly regexes: { kind: number; regex: RegExp }[] = [];

  constructor(lists: readonly PhraseList[]) {
    this.kinds = lists.map((l) => l.kind);
    lists.forEach((list, k) => {
      for (const entry of list.entries) {
        if (entry.pattern === undefined) {
          this.addPhrase(entry.label, k);
        } else {
          const flags = `g${entry.caseSensitive ? "" : "i"}${entry.pattern.includes("\\p{") ? "u" : ""}`;
          this.regexes.push({ kind: k, regex: new RegExp(entry.pattern, flags) });
        }
      }
    });
  }

  private addPhrase(phrase: string, kind: number): void {
    const words = analyzeText(phrase).tokens.normal;
    if (words.length === 0) throw new Error(`Phrase "${phrase}" has no tokens`);
    let node = this.root;
    for (const word of words) {
      let next = node.next.get(word);
      if (!next) {
        next = { next: new Map(), kinds: null };
        node.next.set(word, next);
      }
      node = next;
    }
    node.kinds ??= [];
    if (!node.kinds.includes(kind)) node.kinds.push(kind);
  }

  /**
   * Every match per kind, in order and not overlapping within a kind (the longest phrase wins at a
   * position). Kinds never block each other: one phrase may be both a next step and an interest.
   * Pass the text's tokens when they are at hand, to skip tokenizing it again.
   */
  scan(text: string, tokens: Tokens = analyzeText(text).tokens): PhraseMatches {
    const k = this.kinds.length;
    const found: PhraseMatch[][] = Array.from({ length: k }, () => []);
    const { normal, start, end } = tokens;
    const n = normal.length;
    const nextFree = new Array<number>(k).fill(0);
    const longest = new Array<number>(k).fill(-1);
    for (let i = 0; i < n; i++) {
      let node = this.root.next.get(normal[i]);
      let touched = false;
      for (let j = i; node !== undefined;) {
        if (node.kinds) {
          for (const kind of node.kinds) longest[kind] = j;
          touched = true;
        }
        if (++j >= n) break;
        node = node.next.get(normal[j]);
      }
      if (!touched) continue;
      for (let kind = 0; kind < k; kind++) {
        const last = longest[kind];
        if (last < 0) continue;
        longest[kind] = -1;
        if (start[i] < nextFree[kind]) continue;
        found[kind].push({
          kind: this.kinds[kind],
          text: text.slice(start[i], end[last]),
          start: start[i],
          end: end[last],
        });
        nextFree[kind] = end[last];
      }
    }
    const mixed = new Set<number>();
    for (const { kind, regex } of this.regexes) {
      regex.lastIndex = 0;
      for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
        if (m[0].length === 0) {
          regex.lastIndex++;
          continue;
        }
        found[kind].push({ kind: this.kinds[kind], text: m[0], start: m.index, end: m.index + m[0].length });
        mixed.add(kind);
      }
    }
    const result: PhraseMatches = {};
    for (let kind = 0; kind < k; kind++) {
      let list = found[kind];
      if (mixed.has(kind) && list.length > 1) {
        list.sort((a, b) => a.start - b.start || b.end - a.end);
        const kept: PhraseMatch[] = [];
        for (const m of list) if (kept.length === 0 || m.start >= kept[kept.length - 1].end) kept.push(m);
        list = kept;
      }
      result[this.kinds[kind]] = list;
    }
    return result;
  }

  /** Matches of one kind only. */
  find(kind: PhraseKind, text: string): PhraseMatch[] {
    return this.scan(text)[kind] ?? [];
  }
}
