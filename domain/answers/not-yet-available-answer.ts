import type { Reply } from '../reply';

/** For commands the parser knows but this version cannot carry out yet: say so plainly. */
export function notYetAvailable(what: string): Reply {
  return { kind: 'text', text: `${what} er ikke slået til i denne version af Målbot endnu. Skriv "hjælp" for at se, hvad jeg kan.` };
}
