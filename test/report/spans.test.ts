import { describe, expect, it } from 'vitest';
import { checkSpans, highlight, splitsSurrogate, type HighlightSpan } from '../../pipeline/report/lib/spans.ts';

const mk = (start: number, end: number, className: string, extra: Partial<HighlightSpan> = {}): HighlightSpan => ({ start, end, tag: 'span', className, ...extra });

/** Strip tags and unescape: what a reader sees must be the text, unchanged. */
function visible(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** Well-formed: every close matches the last open. */
function balanced(html: string): boolean {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)(\w+)[^>]*>/g)) {
    if (m[1] === '') stack.push(m[2] as string);
    else if (stack.pop() !== m[2]) return false;
  }
  return stack.length === 0;
}

describe('highlight', () => {
  const cases: { name: string; text: string; spans: HighlightSpan[]; html: string }[] = [
    { name: 'no spans: text escaped', text: 'a <b> & "c"', spans: [], html: 'a &lt;b&gt; &amp; &quot;c&quot;' },
    { name: 'one span', text: 'abcdef', spans: [mk(1, 3, 'x')], html: 'a<span class="x">bc</span>def' },
    { name: 'nested spans', text: 'abcdef', spans: [mk(2, 3, 'in'), mk(0, 6, 'out')], html: '<span class="out">ab<span class="in">c</span>def</span>' },
    { name: 'adjacent spans stay separate', text: 'abcdef', spans: [mk(0, 3, 'x'), mk(3, 6, 'y')], html: '<span class="x">abc</span><span class="y">def</span>' },
    {
      name: 'crossing spans: the later one is split, id on the first piece only',
      text: 'abcdef',
      spans: [mk(0, 4, 'x'), mk(2, 6, 'y', { id: 'Y' })],
      html: '<span class="x">ab<span class="y" id="Y">cd</span></span><span class="y">ef</span>',
    },
    { name: 'same range: lower rank outside', text: 'abc', spans: [mk(0, 3, 'm', { rank: 1 }), mk(0, 3, 'c', { rank: 0, tag: 'mark' })], html: '<mark class="c"><span class="m">abc</span></mark>' },
    { name: 'astral characters keep UTF-16 offsets', text: '😀 Minsk 𝄞', spans: [mk(3, 8, 'a'), mk(9, 11, 'b')], html: '😀 <span class="a">Minsk</span> <span class="b">𝄞</span>' },
    { name: 'hostile text inside a span', text: 'x <script>alert(1)</script> y', spans: [mk(2, 27, 'q', { attrs: { title: '"><img src=x onerror=alert(1)>' } })], html: 'x <span class="q" title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</span> y' },
  ];
  it.each(cases)('$name', ({ text, spans, html }) => {
    const out = highlight(text, spans);
    expect(out).toBe(html);
    expect(visible(out)).toBe(text);
    expect(balanced(out)).toBe(true);
  });

  it('clips to a range and carries used ids across ranges', () => {
    const text = 'one two\n\nthree four';
    const used = new Set<string>();
    const span = mk(4, 14, 'c', { id: 'C' });
    const p1 = highlight(text, [span], { start: 0, end: 7 }, used);
    const p2 = highlight(text, [span], { start: 9, end: 19 }, used);
    expect(p1).toBe('one <span class="c" id="C">two</span>');
    expect(p2).toBe('<span class="c">three</span> four');
  });

  it('stays well formed and loses no text with many random overlapping spans', () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const text = 'Estoria & <Norland> signed a "deal" on 3 May 2019 — 😀 worth €2bn.';
    for (let round = 0; round < 50; round++) {
      const spans: HighlightSpan[] = [];
      for (let i = 0; i < 6; i++) {
        const a = rnd(text.length);
        const b = a + 1 + rnd(text.length - a);
        spans.push(mk(a, b, `s${i}`, { id: `id${round}-${i}` }));
      }
      const ok = checkSpans(text, spans).ok;
      const out = highlight(text, ok);
      expect(visible(out)).toBe(text);
      expect(balanced(out)).toBe(true);
      for (const s of ok) expect(out.split(`id="${s.id}"`).length - 1).toBe(1);
    }
  });
});

describe('checkSpans', () => {
  const text = 'a😀b';
  it.each([
    { name: 'inside the text', span: mk(0, 1, 'x'), ok: true },
    { name: 'around the astral character', span: mk(1, 3, 'x'), ok: true },
    { name: 'cutting the surrogate pair at the start', span: mk(2, 4, 'x'), ok: false },
    { name: 'cutting the surrogate pair at the end', span: mk(0, 2, 'x'), ok: false },
    { name: 'past the end', span: mk(3, 9, 'x'), ok: false },
    { name: 'empty', span: mk(1, 1, 'x'), ok: false },
  ])('$name', ({ span, ok }) => {
    const r = checkSpans(text, [span]);
    expect(r.ok.length === 1).toBe(ok);
    expect(r.refused.length === 1).toBe(!ok);
  });
  it('splitsSurrogate', () => {
    expect(splitsSurrogate(text, 2)).toBe(true);
    expect(splitsSurrogate(text, 1)).toBe(false);
    expect(splitsSurrogate(text, 3)).toBe(false);
  });
});
