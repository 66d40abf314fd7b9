/**
 * Teams native charts (`Chart.Line`, `Chart.Donut`, …) are Teams extensions outside the Adaptive
 * Card 1.5 schema. To check a card that has them against the schema, every chart element is
 * replaced by its `fallback` — what a client without charts renders — and that card is validated.
 * A chart without a fallback element fails here: it would show nothing on such a client.
 */
export function chartsAsFallback(card: unknown): unknown {
  if (Array.isArray(card)) return card.map(chartsAsFallback);
  if (card === null || typeof card !== 'object') return card;
  const o = card as Record<string, unknown>;
  if (typeof o.type === 'string' && o.type.startsWith('Chart.')) {
    if (o.fallback === null || typeof o.fallback !== 'object') throw new Error(`${o.type} without a fallback element`);
    return chartsAsFallback(o.fallback);
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, chartsAsFallback(v)]));
}

/** Every chart element in a card. */
export function chartsIn(card: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x !== null && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Chart.')) out.push(o);
      else Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}
