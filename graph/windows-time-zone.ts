/**
 * Graph's calendar API takes Windows time-zone names in dateTimeTimeZone and recurrenceTimeZone.
 * Its list of "additional" IANA names that create/update accept has Europe/Berlin and Europe/Paris
 * but not Europe/Copenhagen, so we always send the Windows name. Only zones a Danish deployment
 * plausibly uses are listed; anything else fails loudly instead of drifting by an hour.
 */
const WINDOWS_TIME_ZONES: Record<string, string> = {
  'Europe/Copenhagen': 'Romance Standard Time',
  'Europe/Paris': 'Romance Standard Time',
  'Europe/Brussels': 'Romance Standard Time',
  'Europe/Madrid': 'Romance Standard Time',
  'Europe/Berlin': 'W. Europe Standard Time',
  'Europe/Oslo': 'W. Europe Standard Time',
  'Europe/Stockholm': 'W. Europe Standard Time',
  'Europe/Amsterdam': 'W. Europe Standard Time',
  'Atlantic/Faroe': 'GMT Standard Time',
  'Europe/London': 'GMT Standard Time',
  'America/Nuuk': 'Greenland Standard Time',
  UTC: 'UTC',
  'Etc/UTC': 'UTC',
};

export class UnsupportedTimeZoneError extends Error {
  constructor(readonly timeZone: string) {
    super(`Tidszonen ${timeZone} kan ikke oversættes til et Windows-tidszonenavn til Microsoft Graph; kendte: ${Object.keys(WINDOWS_TIME_ZONES).join(', ')}`);
    this.name = 'UnsupportedTimeZoneError';
  }
}

export function windowsTimeZone(ianaTimeZone: string): string {
  const name = WINDOWS_TIME_ZONES[ianaTimeZone];
  if (name === undefined) throw new UnsupportedTimeZoneError(ianaTimeZone);
  return name;
}
