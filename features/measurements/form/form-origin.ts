/**
 * Where a form was opened from, so that its "Annuller" brings back the card the form replaced:
 * the goal's status card, its history, the confirmation of a stored measurement — or nothing
 * (a form asked for in words, "opdater mål 3", came as a new message).
 */
export type FormOrigin = { view: 'status' } | { view: 'history' } | { view: 'confirmation'; measurementId: string } | { view: 'none' };

/** Reads the origin from a button's data (`back`, `backMeasurementId`); anything else is 'none'. */
export function formOriginOf(data: Record<string, unknown>): FormOrigin {
  const back = data.back;
  if (back === 'status' || back === 'history') return { view: back };
  const id = data.backMeasurementId;
  if (back === 'confirmation' && typeof id === 'string' && /^\d{1,15}$/.test(id)) return { view: 'confirmation', measurementId: id };
  return { view: 'none' };
}

/** The origin as action data, carried by the form's buttons (and so kept when the form comes back with errors). */
export function formOriginData(origin: FormOrigin): Record<string, string> {
  if (origin.view === 'confirmation') return { back: 'confirmation', backMeasurementId: origin.measurementId };
  return { back: origin.view };
}
