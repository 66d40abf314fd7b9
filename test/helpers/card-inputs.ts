import assert from 'node:assert/strict';

type Node = Record<string, unknown>;

function walkArrays(x: unknown, visit: (items: unknown[]) => void): void {
  if (Array.isArray(x)) {
    visit(x);
    x.forEach((y) => walkArrays(y, visit));
  } else if (x !== null && typeof x === 'object') Object.values(x).forEach((v) => walkArrays(v, visit));
}

/** The input element with this id (Input.Text, Input.ChoiceSet, …), or undefined. */
export function inputById(card: unknown, id: string): Node | undefined {
  let found: Node | undefined;
  walkArrays(card, (items) => {
    for (const item of items) {
      const o = item as Node;
      if (!found && o !== null && typeof o === 'object' && typeof o.type === 'string' && o.type.startsWith('Input.') && o.id === id) found = o;
    }
  });
  return found;
}

/** The ids of all inputs on a card, in order. */
export function inputIds(card: unknown): string[] {
  const ids: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x !== null && typeof x === 'object') {
      const o = x as Node;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') ids.push(o.id);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return ids;
}

/**
 * The server's error message shown next to an input: the attention-coloured TextBlocks that follow
 * it (after an optional help text) before the next input. Undefined when the field has none.
 */
export function errorNextTo(card: unknown, id: string): string | undefined {
  let message: string | undefined;
  walkArrays(card, (items) => {
    const at = items.findIndex((i) => (i as Node)?.id === id && typeof (i as Node).type === 'string' && ((i as Node).type as string).startsWith('Input.'));
    if (at === -1) return;
    for (const next of items.slice(at + 1)) {
      const o = next as Node;
      if (typeof o.type === 'string' && o.type.startsWith('Input.')) break;
      if (o.type === 'TextBlock' && o.color === 'attention') message = String(o.text);
    }
  });
  return message;
}

/** The card's primary Action.Execute (the form's submit button). */
export function submitAction(card: unknown): { verb: string; data: Record<string, string>; fallback: Node } {
  const actions = (card as { actions?: Node[] }).actions ?? [];
  const action = actions.find((a) => a.type === 'Action.Execute');
  assert.ok(action, 'the card has an Action.Execute');
  return action as unknown as { verb: string; data: Record<string, string>; fallback: Node };
}
