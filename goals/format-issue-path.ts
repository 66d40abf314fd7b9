/**
 * Turns a zod issue path into the form a person editing the YAML recognises:
 * ['goals', 3, 'kpis', 0, 'target'] → "goals[3].kpis[0].target". The empty path is the whole file ("").
 */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
