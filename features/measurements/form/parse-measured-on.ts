/**
 * A calendar date as it arrives: "2021-09-30" from Input.Date, or Danish forms from a CSV file
 * or a client without a date picker: "30-09-2021", "30.9.2021", "30/9/2021", "30/9-2021".
 * Returns YYYY-MM-DD, or undefined for anything that is not a real date ("2021-02-30", "i går").
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DANISH = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/;

export function parseMeasuredOn(raw: string): string | undefined {
  const text = raw.trim();
  let year: number, month: number, day: number;
  const iso = ISO.exec(text);
  const danish = DANISH.exec(text);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (danish) [day, month, year] = [Number(danish[1]), Number(danish[2]), Number(danish[3])];
  else return undefined;
  // Date.UTC rolls 30 February over to March; a real date survives the round trip.
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
