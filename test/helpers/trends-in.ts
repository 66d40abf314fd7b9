/** A trend chart of a card (cards/trend-chart.ts): its SVG (decoded), its alt text and the numbers behind "Vis tallene". */
export interface TrendFound {
  title: string;
  svg: string;
  altText: string;
  facts: Array<{ title: string; value: string }>;
}

export function trendsIn(card: unknown): TrendFound[] {
  const out: TrendFound[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x !== null && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      const items = Array.isArray(o.items) ? (o.items as Array<Record<string, unknown>>) : [];
      const image = items.find((i) => i.type === 'Image' && typeof i.url === 'string' && i.url.startsWith('data:image/svg+xml;base64,'));
      if (o.type === 'Container' && image !== undefined) {
        const numbers = items.find((i) => i.type === 'Container' && typeof i.id === 'string' && i.id.startsWith('trend-numbers-'));
        const factSet = (numbers?.items as Array<{ facts?: Array<{ title: string; value: string }> }> | undefined)?.[0];
        out.push({
          title: String(items[0]?.text ?? ''),
          svg: Buffer.from(String(image.url).slice('data:image/svg+xml;base64,'.length), 'base64').toString('utf8'),
          altText: String(image.altText ?? ''),
          facts: factSet?.facts ?? [],
        });
      } else Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}
