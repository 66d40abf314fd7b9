import { z } from 'zod';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { MeetingOccurrence, MeetingOccurrenceSource } from '../core/ports/meeting-occurrence-source';
import type { Logger } from '../core/ports/logger';
import { toGraphRequestError, GraphRequestError } from './graph-request-error';
import { meetingEventBody, ruleFingerprint, RULE_PROPERTY_ID, SERIES_PROPERTY_ID, type RecurringMeetingSpec } from './meeting-event-body';
import { addDays, localDate, localTime, zonedInstant } from '../core/time/zoned-time';

export interface GraphMeetingSourceOptions {
  client: Client;
  /** User id or UPN of the organiser whose calendar holds the series. */
  organizer: string;
  /** IANA zone in which occurrence ids (local dates) are computed: the app's TIME_ZONE. */
  timeZone: string;
  /** Marks our series among the organiser's events; one series per key. */
  seriesKey?: string;
  /** The base URL the client was built with; needed to follow @odata.nextLink over http in tests. */
  baseUrl?: string;
  /**
   * Local dates without a meeting (the schedule's skipDates). ensureRecurringMeeting cancels them
   * in the calendar; occurrences() also reports them cancelled in case that has not happened yet.
   */
  skipDates?: string[];
  now?: () => Date;
  logger?: Logger;
}

export interface EnsureResult {
  action: 'created' | 'updated' | 'unchanged';
  eventId: string;
  /** Skip dates cancelled in the calendar by this call. */
  cancelledDates: string[];
}

// Graph's JSON, validated at the edge. Only the fields we read; Graph sends many more.
const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string() });
const extendedProperty = z.object({ id: z.string(), value: z.string().nullish() });
const masterListSchema = z.object({
  value: z.array(
    z.object({
      id: z.string(),
      type: z.string().nullish(),
      createdDateTime: z.string().nullish(),
      singleValueExtendedProperties: z.array(extendedProperty).nullish(),
    }),
  ),
});
const masterSchema = z.object({
  id: z.string(),
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  cancelledOccurrences: z.array(z.string()).nullish(),
});
const instancePageSchema = z.object({
  value: z.array(
    z.object({
      id: z.string(),
      start: dateTimeTimeZone,
      end: dateTimeTimeZone,
      isCancelled: z.boolean().nullish(),
      type: z.string().nullish(),
      seriesMasterId: z.string().nullish(),
      originalStart: z.string().nullish(),
    }),
  ),
  '@odata.nextLink': z.string().optional(),
});

const PREFER_UTC = 'outlook.timezone="UTC"';
const MAX_PAGES = 50;

export class GraphResponseError extends Error {
  constructor(operation: string, detail: string) {
    super(`Microsoft Graph ${operation} gav et svar, Målbot ikke forstår: ${detail}`);
    this.name = 'GraphResponseError';
  }
}

/**
 * The directors' meeting as it really is in the organiser's Outlook calendar.
 *
 * How our series is found: by a single-value extended property that Målbot writes on the series
 * master (see meeting-event-body.ts), with `$filter=singleValueExtendedProperties/Any(…)`. Not by
 * subject (the organiser may rename it), not by a stored event id (nothing to keep in the store,
 * and several instances agree without coordinating), not by transactionId (Graph cannot be
 * queried by it; it only de-duplicates a retried POST, which we use it for).
 *
 * occurrences(): calendarView expands the series between two instants; instances whose
 * seriesMasterId is our master are ours. A moved occurrence arrives at its new time (type
 * "exception"); one the organiser cancelled is gone from calendarView and listed in the master's
 * cancelledOccurrences, so it is reported with `cancelled: true` at its original time; an
 * instance Graph marks isCancelled is reported cancelled too. The occurrence id is the local
 * date (in `timeZone`) of the occurrence's original start — the same id the rule-based source
 * gives — so it stays put when the meeting is moved.
 *
 * ensureRecurringMeeting(): create, PATCH or leave the series (by the rule's fingerprint), then
 * cancel the schedule's future skip dates as single occurrences.
 */
export class GraphMeetingSource implements MeetingOccurrenceSource {
  private readonly client: Client;
  private readonly userPath: string;
  private readonly timeZone: string;
  private readonly seriesKey: string;
  private readonly apiRoot: string | undefined;
  private readonly skipDates: ReadonlySet<string>;
  private readonly now: () => Date;
  private readonly logger: Logger | undefined;

  constructor(options: GraphMeetingSourceOptions) {
    this.client = options.client;
    this.userPath = `/users/${encodeURIComponent(options.organizer)}`;
    this.timeZone = options.timeZone;
    this.seriesKey = options.seriesKey ?? 'directors-meeting';
    this.apiRoot = options.baseUrl === undefined ? undefined : `${options.baseUrl.replace(/\/+$/, '')}/v1.0`;
    this.skipDates = new Set(options.skipDates ?? []);
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger;
  }

  /**
   * Creates the series when none carries our mark, PATCHes it when the rule's fingerprint
   * changed, and leaves it alone otherwise. Safe to call at every start, from every instance.
   */
  async ensureRecurringMeeting(spec: RecurringMeetingSpec): Promise<EnsureResult> {
    const written = await this.writeSeries(spec);
    const cancelledDates = await this.cancelSkipDates(written.eventId, spec);
    return { ...written, cancelledDates };
  }

  private async writeSeries(spec: RecurringMeetingSpec): Promise<Omit<EnsureResult, 'cancelledDates'>> {
    const wanted = ruleFingerprint(spec);
    const body = meetingEventBody(spec, this.seriesKey);
    const masters = await this.findMasters();
    const existing = masters[0];
    if (existing === undefined) {
      // transactionId makes Graph drop a repeated POST of the same event: our own retry after a
      // lost response, and a second instance starting at the same moment (both found no series).
      // The day is part of it so that a series the organiser deletes can be created again later.
      const transactionId = `maalbot-${this.seriesKey}-${wanted.slice(0, 16)}-${localDate(this.now(), this.timeZone)}`;
      const created = await this.call('create event', () => this.client.api(`${this.userPath}/events`).post({ ...body, transactionId }));
      const id = z.object({ id: z.string() }).safeParse(created);
      if (!id.success) throw new GraphResponseError('create event', 'intet id i svaret');
      this.logger?.info({ eventId: id.data.id }, 'Graph: directors meeting series created on the organiser calendar');
      return { action: 'created', eventId: id.data.id };
    }
    if (masters.length > 1) {
      this.logger?.warn({ eventIds: masters.map((m) => m.id) }, 'Graph: several series carry the directors-meeting mark; using the oldest');
    }
    const current = existing.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === RULE_PROPERTY_ID.toLowerCase())?.value;
    if (current === wanted) return { action: 'unchanged', eventId: existing.id };
    await this.call('update event', () => this.client.api(`${this.userPath}/events/${encodeURIComponent(existing.id)}`).patch(body));
    this.logger?.info({ eventId: existing.id }, 'Graph: directors meeting series updated to the configured rule');
    return { action: 'updated', eventId: existing.id };
  }

  /**
   * Cancels each future skip date's occurrence that is not cancelled yet (POST …/cancel, which
   * also tells the attendees). Past skip dates are left alone; a date that is not a meeting day
   * of the series is logged and skipped.
   */
  private async cancelSkipDates(masterId: string, spec: RecurringMeetingSpec): Promise<string[]> {
    const today = localDate(this.now(), this.timeZone);
    const pending = [...new Set(spec.skipDates ?? [])].filter((d) => d >= today).sort();
    if (pending.length === 0) return [];
    const details = await this.masterDetails(masterId);
    if (details === undefined) return [];
    const already = new Set((details.cancelledOccurrences ?? []).map((oid) => /\.(\d{4}-\d{2}-\d{2})$/.exec(oid)?.[1]));
    const cancelled: string[] = [];
    for (const date of pending.filter((d) => !already.has(d))) {
      // A window of the whole local day (±1 day for the offset) around the original date.
      const from = zonedInstant(addDays(date, -1), '00:00', this.timeZone).toISOString();
      const to = zonedInstant(addDays(date, 2), '00:00', this.timeZone).toISOString();
      const raw = await this.call('list instances', () =>
        this.client
          .api(`${this.userPath}/events/${encodeURIComponent(masterId)}/instances`)
          .header('Prefer', PREFER_UTC)
          .query(`startDateTime=${encodeURIComponent(from)}`)
          .query(`endDateTime=${encodeURIComponent(to)}`)
          .query('$select=id,start,end,isCancelled,type,seriesMasterId,originalStart')
          .get(),
      );
      const parsed = instancePageSchema.safeParse(raw);
      if (!parsed.success) throw new GraphResponseError('list instances', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      const instance = parsed.data.value.find((i) => this.occurrenceId(i) === date);
      if (instance === undefined) {
        this.logger?.warn({ date }, 'Graph: a skip date is not a meeting day of the series; nothing to cancel');
        continue;
      }
      await this.call('cancel occurrence', () =>
        this.client.api(`${this.userPath}/events/${encodeURIComponent(instance.id)}/cancel`).post({ comment: 'Mødet holdes ikke denne dag (mødeplanen i Målbot).' }),
      );
      cancelled.push(date);
    }
    if (cancelled.length > 0) this.logger?.info({ dates: cancelled }, 'Graph: skip dates cancelled on the organiser calendar');
    return cancelled;
  }

  async occurrences(fromIso: string, toIso: string): Promise<MeetingOccurrence[]> {
    const from = Date.parse(fromIso);
    const to = Date.parse(toIso);
    if (Number.isNaN(from) || Number.isNaN(to)) throw new RangeError(`occurrences: ugyldigt interval ${fromIso} – ${toIso}`);
    if (to <= from) return [];
    const master = (await this.findMasters())[0];
    if (master === undefined) {
      // No series (never created, or the organiser deleted it): there are no meetings to remind of.
      this.logger?.warn({}, 'Graph: no directors meeting series on the organiser calendar; no meeting occurrences');
      return [];
    }
    const instances = await this.calendarView(new Date(from).toISOString(), new Date(to).toISOString());
    const details = await this.masterDetails(master.id);
    if (details === undefined) return [];

    const byId = new Map<string, MeetingOccurrence>();
    for (const instance of instances) {
      if (instance.seriesMasterId !== master.id) continue;
      const id = this.occurrenceId(instance);
      const start = utcInstant(instance.start, 'calendarView').toISOString();
      const end = utcInstant(instance.end, 'calendarView').toISOString();
      byId.set(id, { id, start, end, cancelled: instance.isCancelled === true || this.skipDates.has(id), source: 'graph' });
    }
    // Cancelled by the organiser: gone from calendarView, listed on the master as
    // "OID.{masterId}.{YYYY-MM-DD}" (the original date). Rebuild it at the series' local time.
    const masterStart = utcInstant(details.start, 'event');
    const durationMs = utcInstant(details.end, 'event').getTime() - masterStart.getTime();
    const seriesTime = localTime(masterStart, this.timeZone);
    for (const oid of details.cancelledOccurrences ?? []) {
      const date = /\.(\d{4}-\d{2}-\d{2})$/.exec(oid)?.[1];
      if (date === undefined || byId.has(date)) continue;
      const start = zonedInstant(date, seriesTime, this.timeZone);
      byId.set(date, { id: date, start: start.toISOString(), end: new Date(start.getTime() + durationMs).toISOString(), cancelled: true, source: 'graph' });
    }
    return [...byId.values()]
      .filter((o) => Date.parse(o.start) >= from && Date.parse(o.start) < to)
      .sort((a, b) => a.start.localeCompare(b.start));
  }

  /** The local date of the occurrence's original start: stable when the meeting is moved. */
  private occurrenceId(instance: { start: { dateTime: string; timeZone: string }; originalStart?: string | null }): string {
    const original = instance.originalStart ? new Date(instance.originalStart) : undefined;
    const at = original !== undefined && !Number.isNaN(original.getTime()) ? original : utcInstant(instance.start, 'calendarView');
    return localDate(at, this.timeZone);
  }

  /** Series masters carrying our mark, oldest first. */
  private async findMasters() {
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${SERIES_PROPERTY_ID}' and ep/value eq '${this.seriesKey.replace(/'/g, "''")}')`;
    const raw = await this.call('find series', () =>
      this.client
        .api(`${this.userPath}/events`)
        .query(`$filter=${encodeURIComponent(filter)}`)
        .query(`$select=id,type,createdDateTime`)
        .query(`$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${RULE_PROPERTY_ID}')`)}`)
        .get(),
    );
    const parsed = masterListSchema.safeParse(raw);
    if (!parsed.success) throw new GraphResponseError('find series', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return parsed.data.value
      .filter((e) => e.type === undefined || e.type === null || e.type === 'seriesMaster')
      .sort((a, b) => (a.createdDateTime ?? '').localeCompare(b.createdDateTime ?? ''));
  }

  private async masterDetails(id: string) {
    let raw: unknown;
    try {
      raw = await this.call('get series', () =>
        this.client
          .api(`${this.userPath}/events/${encodeURIComponent(id)}`)
          .header('Prefer', PREFER_UTC)
          .query('$select=id,start,end,cancelledOccurrences')
          .get(),
      );
    } catch (err) {
      // Deleted between the lookup and now: same as no series.
      if (err instanceof GraphRequestError && err.statusCode === 404) return undefined;
      throw err;
    }
    const parsed = masterSchema.safeParse(raw);
    if (!parsed.success) throw new GraphResponseError('get series', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return parsed.data;
  }

  /** Every instance in [from, to), all pages (calendarView pages by 10 unless told otherwise). */
  private async calendarView(fromIso: string, toIso: string) {
    const instances: z.infer<typeof instancePageSchema>['value'] = [];
    let request = this.client
      .api(`${this.userPath}/calendarView`)
      .query(`startDateTime=${encodeURIComponent(fromIso)}`)
      .query(`endDateTime=${encodeURIComponent(toIso)}`)
      .query('$select=id,start,end,isCancelled,type,seriesMasterId,originalStart')
      .query('$top=100');
    for (let page = 0; page < MAX_PAGES; page++) {
      const current = request;
      const raw = await this.call('calendarView', () => current.header('Prefer', PREFER_UTC).get());
      const parsed = instancePageSchema.safeParse(raw);
      if (!parsed.success) throw new GraphResponseError('calendarView', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      instances.push(...parsed.data.value);
      const next = parsed.data['@odata.nextLink'];
      if (next === undefined) return instances;
      request = this.client.api(this.relativeLink(next));
    }
    throw new GraphResponseError('calendarView', `mere end ${MAX_PAGES} sider`);
  }

  /**
   * The client resolves absolute links only for https; strip our own base so a nextLink works
   * against the loopback fake as well as against Graph.
   */
  private relativeLink(link: string): string {
    if (this.apiRoot !== undefined && link.startsWith(this.apiRoot)) return link.slice(this.apiRoot.length);
    return link;
  }

  private async call<T>(operation: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (err) {
      throw toGraphRequestError(operation, err, this.now());
    }
  }
}

/** Graph dateTimeTimeZone → instant. We always ask for UTC (Prefer: outlook.timezone). */
function utcInstant(value: { dateTime: string; timeZone: string }, operation: string): Date {
  if (value.timeZone.toUpperCase() !== 'UTC') throw new GraphResponseError(operation, `tidszone ${value.timeZone}, forventede UTC`);
  const instant = new Date(`${value.dateTime.slice(0, 23).replace(/Z$/, '')}Z`);
  if (Number.isNaN(instant.getTime())) throw new GraphResponseError(operation, `ugyldigt tidspunkt ${value.dateTime}`);
  return instant;
}
