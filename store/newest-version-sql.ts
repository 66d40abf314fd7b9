/**
 * MeasurementStore.newestVersionOf in SQL both stores run: a row, then down its chain of corrections
 * on the unique index on supersedes_id, the last link returned. The cost is the chain, not the series.
 * `columns` is the store's own select list; `params` its placeholders for (contract id, row id).
 */
export function newestVersionSql(columns: string, params: readonly [contractId: string, id: string]): string {
  return `
  WITH RECURSIVE chain(id, depth) AS (
    SELECT id, 0 FROM measurements WHERE contract_id = ${params[0]} AND id = ${params[1]}
    UNION ALL
    SELECT s.id, chain.depth + 1 FROM measurements s JOIN chain ON s.supersedes_id = chain.id
  )
  SELECT ${columns} FROM measurements WHERE id = (SELECT id FROM chain ORDER BY depth DESC LIMIT 1)`;
}
