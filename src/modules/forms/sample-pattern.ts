/**
 * A string matching a regular expression of the small dialect forms use (anchors, literals,
 * escapes \d \w \s, classes with ranges, groups, alternation, quantifiers ? * + {n} {n,m}), or
 * null when the pattern is beyond it or the result does not match: the caller leaves the field
 * for the analyst. Deterministic: the first class member, the first branch, the fewest repeats.
 */
export function samplePattern(pattern: string): string | null {
  let out: string;
  try {
    const parser = new Parser(pattern);
    out = parser.sequence();
    if (parser.pos !== pattern.length) return null;
    if (!new RegExp(pattern).test(out)) return null;
  } catch {
    return null;
  }
  return out;
}

const ESCAPES: Record<string, string> = { d: '0', w: 'a', s: ' ', n: '\n', t: '\t' };

class Parser {
  pos = 0;
  constructor(private readonly src: string) {}

  /** Branches separated by `|`, up to a `)` or the end: the first branch is the sample. */
  sequence(): string {
    const first = this.branch();
    while (this.src[this.pos] === '|') {
      this.pos += 1;
      this.branch();
    }
    return first;
  }

  private branch(): string {
    let out = '';
    while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
      const atom = this.atom();
      out += atom.repeat(this.quantifier());
    }
    return out;
  }

  private atom(): string {
    const ch = this.src[this.pos++];
    if (ch === '^' || ch === '$') return '';
    if (ch === '(') {
      if (this.src.startsWith('?:', this.pos)) this.pos += 2;
      else if (this.src[this.pos] === '?') throw new Error('lookaround');
      const inner = this.sequence();
      if (this.src[this.pos++] !== ')') throw new Error('unclosed group');
      return inner;
    }
    if (ch === '[') return this.cls();
    if (ch === '\\') return this.escape();
    if (ch === '.') return 'a';
    if ('*+?{'.includes(ch)) throw new Error('dangling quantifier');
    return ch;
  }

  private escape(): string {
    const ch = this.src[this.pos++];
    if (ch === undefined || /[DWSbB1-9]/.test(ch)) throw new Error('unsupported escape');
    return ESCAPES[ch] ?? ch;
  }

  private cls(): string {
    if (this.src[this.pos] === '^') throw new Error('negated class');
    let first: string | undefined;
    while (this.src[this.pos] !== ']') {
      if (this.pos >= this.src.length) throw new Error('unclosed class');
      const ch = this.src[this.pos++];
      const member = ch === '\\' ? this.escape() : ch;
      if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']') this.pos += 2;
      first ??= member;
    }
    this.pos += 1;
    if (first === undefined) throw new Error('empty class');
    return first;
  }

  /** How many times the atom repeats: the least the quantifier allows. */
  private quantifier(): number {
    const ch = this.src[this.pos];
    let n = 1;
    if (ch === '?' || ch === '*') {
      this.pos += 1;
      n = 0;
    } else if (ch === '+') {
      this.pos += 1;
    } else if (ch === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(this.src.slice(this.pos));
      if (!m) throw new Error('bad quantifier');
      this.pos += m[0].length;
      n = Number(m[1]);
    } else return 1;
    if (this.src[this.pos] === '?') this.pos += 1;
    return n;
  }
}
