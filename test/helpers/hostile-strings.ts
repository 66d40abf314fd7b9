import fc from 'fast-check';

/** Text written to break things: template syntax, JSON/markdown/HTML, escapes, RTL, emoji, huge. */
export const HOSTILE_SAMPLES = [
  '${foo}',
  '${$root.secret}',
  '$\\{x}',
  '{{ 7*7 }}',
  '"}]},{"type":"Action.OpenUrl","url":"https://evil.example"',
  '\\',
  '\\"',
  '<script>alert(1)</script>',
  '<at>Målbot</at>',
  '&nbsp;&amp;&lt;',
  '[klik her](https://evil.example)',
  '![img](https://evil.example/x.png)',
  '**fed** _kursiv_ `kode`',
  '# overskrift',
  '- punkt',
  '1. punkt',
  '> citat',
  '\u202eRTL-override',
  'مرحبا بالعالم',
  'שלום',
  '👩‍👩‍👧‍👦🇩🇰',
  '\u0000\u0007\u001b[31m',
  'æøå ÆØÅ',
  'x'.repeat(10_000),
] as const;

/** Arbitrary strings mixed with the hand-written hostile ones, often glued together. */
export function hostileString(maxLength = 300): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_SAMPLES) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength }) },
  );
  return fc.array(piece, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' '));
}

/** Fixed seed: a failure is reproducible on any machine; runs are many (thousands in CI). */
export const PROPERTY_SEED = 20211231;
