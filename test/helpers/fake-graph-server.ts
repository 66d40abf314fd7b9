import http from 'node:http';
import { loopbackUrl, startLoopbackServer } from './loopback-server';
import { graphBodyProblems } from './graph-schema';

/**
 * A loopback Microsoft Graph (v1.0) for the endpoints Målbot uses, speaking Graph's JSON:
 *
 * - POST   /users/{u}/events                 create (transactionId de-duplicates a repeated POST)
 * - GET    /users/{u}/events?$filter=singleValueExtendedProperties/Any(…)&$expand=…($filter=id eq …)
 * - GET    /users/{u}/events/{id}            ($select=cancelledOccurrences is honoured like Graph)
 * - PATCH  /users/{u}/events/{id}            (a changed recurrence drops moved/cancelled exceptions)
 * - GET    /users/{u}/events/{id}/instances?startDateTime&endDateTime
 * - POST   /users/{u}/events/{occurrenceId}/cancel   202; the occurrence leaves calendarView
 * - GET    /users/{u}/calendarView?startDateTime&endDateTime   weekly series expanded in the
 *          series' time zone (interval, firstDayOfWeek, range), moved occurrences at their new
 *          time (type "exception"), organiser-cancelled ones left out and listed on the master,
 *          isCancelled ones flagged; paged with @odata.nextLink ($skip) like Graph
 * - POST   /users/{u}/teamwork/sendActivityNotification   204; 404 unknown user, 403 app not installed
 * - POST   /users/{u}/checkMemberGroups   {groupIds ≤ 20} → {value: the ids the user is a transitive
 *          member of} (groups may hold groups: `groupMembers`); 400 above 20 ids, 404 unknown user
 *
 * Every request is recorded. Request bodies are checked against Graph's type mappings
 * (graph-schema.ts): a wrong property name or enum value is answered 400 like Graph's
 * RequestBodyRead error and kept in `schemaProblems`. Faults are injected per request with
 * `failNext` (429 with Retry-After, 5xx, a response "lost" after the write happened, or a network
 * fault: no answer, a reset connection, an answer cut off or stalled half-way).
 */

export interface GraphCall {
  method: string;
  /** Decoded path after /v1.0, e.g. /users/org@x.dk/calendarView */
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  /** Status the fake answered. */
  status: number;
}

export type InjectedFault =
  | {
      status: number;
      headers?: Record<string, string>;
      /** Handle the request first (side effects happen), then answer with the fault: a lost response. */
      afterHandling?: boolean;
    }
  | {
      /**
       * A network fault instead of an answer: never answer (`hang`), close the connection (`reset`),
       * or send 200 and half the body, then close (`drop-mid-response`) or stop (`hang-mid-response`).
       */
      network: 'hang' | 'reset' | 'drop-mid-response' | 'hang-mid-response';
    };

interface FaultRule {
  method: string | undefined;
  pathIncludes: string;
  responses: InjectedFault[];
}

interface StoredEvent {
  id: string;
  createdDateTime: string;
  body: Record<string, unknown>;
  transactionId: string | undefined;
  /** Original local date → exception. */
  moved: Map<string, { start: string; end: string }>;
  /** Original local dates cancelled by the organiser (gone from calendarView). */
  cancelled: Set<string>;
  /** Original local dates shown with isCancelled = true (as on an attendee's calendar). */
  flaggedCancelled: Set<string>;
}

export interface SentNotification {
  userId: string;
  body: Record<string, unknown>;
}

interface Occurrence {
  id: string;
  originalDate: string;
  start: Date;
  end: Date;
  type: 'occurrence' | 'exception' | 'singleInstance';
  isCancelled: boolean;
  event: StoredEvent;
}

/** Windows zones the fake understands (what Graph's calendar accepts), and what they mean. */
const WINDOWS_ZONES: Record<string, string> = {
  'Romance Standard Time': 'Europe/Copenhagen',
  'W. Europe Standard Time': 'Europe/Berlin',
  'GMT Standard Time': 'Europe/London',
  UTC: 'UTC',
};

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAY_MS = 86_400_000;

export class FakeGraphServer {
  readonly calls: GraphCall[] = [];
  readonly schemaProblems: string[] = [];
  /** Every accepted activity notification, in order (the feed keeps only the last per chainId). */
  readonly notifications: SentNotification[] = [];
  /** Users that exist; `installed` = the Teams app is installed for them. Others get 404. */
  readonly users = new Map<string, { installed: boolean }>();
  /** Group object id → its direct members (user object ids or other group ids), for checkMemberGroups. */
  readonly groupMembers = new Map<string, Set<string>>();
  /** Activity types with their template parameter names, as the manifest declares them. */
  declaredActivityTypes = new Map<string, string[]>();
  /** calendarView page size cap (Graph's default page is 10). */
  maxPageSize = 10;
  /** The fake's clock for createdDateTime (only ordering matters). */
  private createdCounter = 0;
  private readonly events = new Map<string, StoredEvent>();
  private faults: FaultRule[] = [];
  private server: http.Server | undefined;
  private nextId = 1;

  get baseUrl(): string {
    return loopbackUrl(this.server, 'FakeGraphServer');
  }

  async start(): Promise<void> {
    this.server = await startLoopbackServer((req, res, body) => this.handle(req, res, body));
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  /** The next matching requests get these responses, one per request, in order. */
  failNext(match: { method?: string; pathIncludes: string }, ...responses: InjectedFault[]): void {
    this.faults.push({ method: match.method, pathIncludes: match.pathIncludes, responses: [...responses] });
  }

  callsTo(pathIncludes: string, method?: string): GraphCall[] {
    return this.calls.filter((c) => c.path.includes(pathIncludes) && (method === undefined || c.method === method));
  }

  /** Events on the calendar (masters and single instances), as Graph would return them. */
  listEvents(): Array<Record<string, unknown>> {
    return [...this.events.values()].map((e) => this.eventJson(e, undefined, true));
  }

  /** Puts an event on the calendar directly (someone else's meeting, or a pre-existing series). */
  addEvent(body: Record<string, unknown>): string {
    return this.createEvent(body, undefined).id;
  }

  /** The organiser moves one occurrence (by its original local date) to a new local start. */
  moveOccurrence(eventId: string, originalDate: string, newLocalStart: string, durationMinutes?: number): void {
    const event = this.requireEvent(eventId);
    const tz = this.zoneOf(event);
    const start = zonedInstant(newLocalStart, tz);
    const minutes = durationMinutes ?? this.durationMs(event) / 60_000;
    event.moved.set(originalDate, { start: start.toISOString(), end: new Date(start.getTime() + minutes * 60_000).toISOString() });
  }

  /** The organiser cancels one occurrence: it leaves calendarView and joins cancelledOccurrences. */
  cancelOccurrence(eventId: string, originalDate: string): void {
    this.requireEvent(eventId).cancelled.add(originalDate);
  }

  /** An occurrence that stays on the calendar marked isCancelled (as attendees see a cancellation). */
  flagOccurrenceCancelled(eventId: string, originalDate: string): void {
    this.requireEvent(eventId).flaggedCancelled.add(originalDate);
  }

  deleteEvent(eventId: string): void {
    this.events.delete(eventId);
  }

  // ---- HTTP ----------------------------------------------------------------------------------

  // restify patches http.ServerResponse process-wide when the bot shares the process: never
  // chain writeHead(...).end(...).
  private handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const fullPath = decodeURIComponent(url.pathname);
    const query: Record<string, string> = {};
    url.searchParams.forEach((v, k) => (query[k] = v));
    let body: unknown;
    if (raw !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const call: GraphCall = { method, path: fullPath.replace(/^\/v1\.0/, ''), query, headers: req.headers, body, status: 0 };
    this.calls.push(call);

    const send = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      if (json === undefined) {
        res.writeHead(status, headers);
        res.end();
      } else {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(json));
      }
    };

    const fault = this.takeFault(method, call.path);
    if (fault !== undefined && 'network' in fault) {
      call.status = -1;
      networkFault(res, fault.network);
      return;
    }
    if (fault !== undefined && fault.afterHandling !== true) {
      send(fault.status, graphError(fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', `injected ${fault.status}`), fault.headers);
      return;
    }
    let result: { status: number; json?: unknown };
    if (!fullPath.startsWith('/v1.0/')) result = { status: 404, json: graphError('BadRequest', 'Invalid version') };
    else result = this.route(method, call.path, query, body, req.headers);
    if (fault !== undefined) {
      send(fault.status, graphError('ServiceUnavailable', `injected ${fault.status} after handling`), fault.headers);
      return;
    }
    send(result.status, result.json);
  }

  private takeFault(method: string, path: string): InjectedFault | undefined {
    const rule = this.faults.find((f) => (f.method === undefined || f.method === method) && path.includes(f.pathIncludes) && f.responses.length > 0);
    return rule?.responses.shift();
  }

  private route(method: string, path: string, query: Record<string, string>, body: unknown, headers: http.IncomingHttpHeaders): { status: number; json?: unknown } {
    let m: RegExpExecArray | null;
    if ((m = /^\/users\/([^/]+)\/teamwork\/sendActivityNotification$/.exec(path)) && method === 'POST') return this.sendActivity(m[1]!, body);
    if ((m = /^\/users\/([^/]+)\/checkMemberGroups$/.exec(path)) && method === 'POST') return this.checkMemberGroups(m[1]!, body);
    if ((m = /^\/users\/([^/]+)\/calendarView$/.exec(path)) && method === 'GET') return this.calendarView(m[1]!, query, headers);
    if ((m = /^\/users\/([^/]+)\/events$/.exec(path))) {
      if (method === 'POST') return this.postEvent(body);
      if (method === 'GET') return this.getEvents(query);
    }
    if ((m = /^\/users\/([^/]+)\/events\/([^/]+)\/instances$/.exec(path)) && method === 'GET') {
      const event = this.events.get(m[2]!);
      if (event === undefined) return { status: 404, json: graphError('ErrorItemNotFound', 'The specified object was not found in the store.') };
      return this.calendarView(m[1]!, query, headers, event);
    }
    if ((m = /^\/users\/([^/]+)\/events\/([^/]+)\/cancel$/.exec(path)) && method === 'POST') return this.cancelAction(m[2]!, body);
    if ((m = /^\/users\/([^/]+)\/events\/([^/]+)$/.exec(path))) {
      const event = this.events.get(m[2]!);
      if (event === undefined) return { status: 404, json: graphError('ErrorItemNotFound', 'The specified object was not found in the store.') };
      if (method === 'GET') return { status: 200, json: this.eventJson(event, query.$select, (query.$select ?? '').includes('cancelledOccurrences')) };
      if (method === 'PATCH') return this.patchEvent(event, body);
    }
    return { status: 400, json: graphError('BadRequest', `Resource not found for the segment in ${method} ${path}`) };
  }

  private checkBody(typeName: string, body: unknown): { status: number; json: unknown } | undefined {
    const problems = graphBodyProblems(typeName, body);
    if (problems.length === 0) return undefined;
    this.schemaProblems.push(...problems);
    return { status: 400, json: graphError('RequestBodyRead', problems.join('; ')) };
  }

  // ---- events --------------------------------------------------------------------------------

  private postEvent(body: unknown): { status: number; json?: unknown } {
    const invalid = this.checkBody('event', body) ?? this.checkEventSemantics(body as Record<string, unknown>);
    if (invalid !== undefined) return invalid;
    const b = body as Record<string, unknown>;
    const transactionId = typeof b.transactionId === 'string' ? b.transactionId : undefined;
    const repeat = transactionId === undefined ? undefined : [...this.events.values()].find((e) => e.transactionId === transactionId);
    if (repeat !== undefined) return { status: 201, json: this.eventJson(repeat, undefined, false) };
    return { status: 201, json: this.eventJson(this.createEvent(b, transactionId), undefined, false) };
  }

  private createEvent(body: Record<string, unknown>, transactionId: string | undefined): StoredEvent {
    const id = `AAMkAGFake${String(this.nextId++).padStart(4, '0')}=`;
    const event: StoredEvent = {
      id,
      createdDateTime: new Date(Date.UTC(2025, 0, 1) + this.createdCounter++ * 1000).toISOString(),
      body: structuredClone(body),
      transactionId,
      moved: new Map(),
      cancelled: new Set(),
      flaggedCancelled: new Set(),
    };
    delete event.body.transactionId;
    this.events.set(id, event);
    return event;
  }

  private patchEvent(event: StoredEvent, body: unknown): { status: number; json?: unknown } {
    const invalid = this.checkBody('event', body);
    if (invalid !== undefined) return invalid;
    const b = structuredClone(body) as Record<string, unknown>;
    if ('transactionId' in b) return { status: 400, json: graphError('ErrorInvalidProperty', 'transactionId cannot be changed') };
    const merged = { ...event.body, ...b };
    const semantic = this.checkEventSemantics(merged);
    if (semantic !== undefined) return semantic;
    if (JSON.stringify(merged.recurrence) !== JSON.stringify(event.body.recurrence) || JSON.stringify(merged.start) !== JSON.stringify(event.body.start)) {
      // Like Outlook: a new pattern or start time replaces the series, exceptions are lost.
      event.moved.clear();
      event.cancelled.clear();
      event.flaggedCancelled.clear();
    }
    if (Array.isArray(b.singleValueExtendedProperties)) {
      // Extended properties in a PATCH are upserted by id, not replaced as a list.
      const props = new Map<string, unknown>();
      for (const p of (event.body.singleValueExtendedProperties as Array<{ id: string; value: unknown }> | undefined) ?? []) props.set(p.id.toLowerCase(), p);
      for (const p of b.singleValueExtendedProperties as Array<{ id: string; value: unknown }>) props.set(p.id.toLowerCase(), p);
      merged.singleValueExtendedProperties = [...props.values()];
    }
    event.body = merged;
    return { status: 200, json: this.eventJson(event, undefined, false) };
  }

  private checkEventSemantics(b: Record<string, unknown>): { status: number; json: unknown } | undefined {
    for (const key of ['start', 'end'] as const) {
      const v = b[key] as { dateTime?: unknown; timeZone?: unknown } | undefined;
      if (v === undefined) return { status: 400, json: graphError('ErrorPropertyValidationFailure', `${key} is required`) };
      if (typeof v.timeZone !== 'string' || WINDOWS_ZONES[v.timeZone] === undefined) {
        return { status: 400, json: graphError('TimeZoneNotSupportedException', `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${String(v.timeZone)}'.`) };
      }
      if (typeof v.dateTime !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v.dateTime)) {
        return { status: 400, json: graphError('ErrorInvalidRequest', `${key}.dateTime is not a local date-time`) };
      }
    }
    const recurrence = b.recurrence as { pattern?: Record<string, unknown>; range?: Record<string, unknown> } | undefined;
    if (recurrence !== undefined && recurrence !== null) {
      const { pattern, range } = recurrence;
      if (pattern?.type !== 'weekly') return { status: 400, json: graphError('ErrorInvalidRequest', 'the fake expands only weekly patterns') };
      if (!Array.isArray(pattern.daysOfWeek) || pattern.daysOfWeek.length === 0) return { status: 400, json: graphError('ErrorInvalidRequest', 'daysOfWeek is required') };
      if (typeof pattern.interval !== 'number' || pattern.interval < 1) return { status: 400, json: graphError('ErrorInvalidRequest', 'interval must be ≥ 1') };
      if (typeof range?.startDate !== 'string') return { status: 400, json: graphError('ErrorInvalidRequest', 'range.startDate is required') };
      const startDate = (b.start as { dateTime: string }).dateTime.slice(0, 10);
      if (range.startDate !== startDate) return { status: 400, json: graphError('ErrorInvalidRequest', 'range.startDate must match the start date') };
    }
    return undefined;
  }

  private getEvents(query: Record<string, string>): { status: number; json?: unknown } {
    let events = [...this.events.values()];
    if (query.$filter !== undefined) {
      const m = /^singleValueExtendedProperties\/Any\(ep: ep\/id eq '((?:[^']|'')*)' and ep\/value eq '((?:[^']|'')*)'\)$/.exec(query.$filter);
      if (m === null) return { status: 400, json: graphError('BadRequest', `Invalid filter clause (the fake knows only the extended-property filter): ${query.$filter}`) };
      const [id, value] = [m[1]!.replace(/''/g, "'"), m[2]!.replace(/''/g, "'")];
      events = events.filter((e) => this.extendedProperties(e).some((p) => p.id.toLowerCase() === id.toLowerCase() && p.value === value));
    }
    let expandId: string | undefined;
    if (query.$expand !== undefined) {
      const m = /^singleValueExtendedProperties\(\$filter=id eq '((?:[^']|'')*)'\)$/.exec(query.$expand);
      if (m === null) return { status: 400, json: graphError('BadRequest', `Unsupported $expand: ${query.$expand}`) };
      expandId = m[1]!.replace(/''/g, "'");
    }
    const value = events.map((e) => {
      const json = this.eventJson(e, query.$select, false);
      if (expandId !== undefined) json.singleValueExtendedProperties = this.extendedProperties(e).filter((p) => p.id.toLowerCase() === expandId!.toLowerCase());
      return json;
    });
    return { status: 200, json: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users(...)/events', value } };
  }

  private extendedProperties(e: StoredEvent): Array<{ id: string; value: string }> {
    return (e.body.singleValueExtendedProperties as Array<{ id: string; value: string }> | undefined) ?? [];
  }

  /** An event as Graph returns it; start/end in UTC unless the event is shown as stored. */
  private eventJson(e: StoredEvent, select: string | undefined, withCancelled: boolean): Record<string, unknown> {
    const tz = this.zoneOf(e);
    const start = zonedInstant((e.body.start as { dateTime: string }).dateTime, tz);
    const end = zonedInstant((e.body.end as { dateTime: string }).dateTime, tz);
    const full: Record<string, unknown> = {
      '@odata.etag': `W/"fake-${e.id}"`,
      id: e.id,
      createdDateTime: e.createdDateTime,
      subject: e.body.subject,
      type: e.body.recurrence ? 'seriesMaster' : 'singleInstance',
      start: graphDateTime(start),
      end: graphDateTime(end),
      recurrence: e.body.recurrence ?? null,
      isCancelled: false,
      ...(e.transactionId !== undefined ? { transactionId: e.transactionId } : {}),
      ...(withCancelled ? { cancelledOccurrences: [...e.cancelled].sort().map((d) => `OID.${e.id}.${d}`) } : {}),
    };
    if (select === undefined) return full;
    const wanted = new Set(['id', ...select.split(',').map((s) => s.trim())]);
    return Object.fromEntries(Object.entries(full).filter(([k]) => wanted.has(k) || k === '@odata.etag'));
  }

  // ---- calendarView --------------------------------------------------------------------------

  /** calendarView of the whole calendar, or (with `only`) the instances endpoint of one series. */
  private calendarView(_user: string, query: Record<string, string>, headers: http.IncomingHttpHeaders, only?: StoredEvent): { status: number; json?: unknown } {
    const from = Date.parse(query.startDateTime ?? '');
    const to = Date.parse(query.endDateTime ?? '');
    if (Number.isNaN(from) || Number.isNaN(to)) {
      return { status: 400, json: graphError('ErrorInvalidParameter', "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.") };
    }
    const prefer = String(headers.prefer ?? '');
    if (prefer !== '' && !/outlook\.timezone="UTC"/i.test(prefer)) {
      return { status: 400, json: graphError('BadRequest', `the fake answers only in UTC (Prefer: ${prefer})`) };
    }
    const all = (only === undefined ? [...this.events.values()] : [only])
      .flatMap((e) => this.expand(e, from, to))
      .filter((o) => o.start.getTime() < to && o.end.getTime() > from)
      .sort((a, b) => a.start.getTime() - b.start.getTime());
    const top = Math.min(Number(query.$top ?? this.maxPageSize), this.maxPageSize);
    const skip = Number(query.$skip ?? 0);
    const page = all.slice(skip, skip + top);
    const select = query.$select === undefined ? undefined : new Set(['id', ...query.$select.split(',')]);
    const value = page.map((o) => {
      const full: Record<string, unknown> = {
        '@odata.etag': `W/"fake-${o.id}"`,
        id: o.id,
        subject: o.event.body.subject,
        type: o.type,
        start: graphDateTime(o.start),
        end: graphDateTime(o.end),
        isCancelled: o.isCancelled,
        seriesMasterId: o.type === 'singleInstance' ? null : o.event.id,
        originalStart: o.type === 'singleInstance' ? null : `${zonedInstant(`${o.originalDate}T${this.localStartTime(o.event)}`, this.zoneOf(o.event)).toISOString().slice(0, 19)}Z`,
      };
      return select === undefined ? full : Object.fromEntries(Object.entries(full).filter(([k]) => select.has(k) || k === '@odata.etag'));
    });
    const json: Record<string, unknown> = { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(event)', value };
    if (skip + top < all.length) {
      const next = new URLSearchParams({ ...query, $skip: String(skip + top) });
      const resource = only === undefined ? 'calendarView' : `events/${encodeURIComponent(only.id)}/instances`;
      json['@odata.nextLink'] = `${this.baseUrl}v1.0/users/${encodeURIComponent(_user)}/${resource}?${next.toString()}`;
    }
    return { status: 200, json };
  }

  /** Instances of an event that could overlap [from, to). */
  private expand(e: StoredEvent, from: number, to: number): Occurrence[] {
    const tz = this.zoneOf(e);
    const duration = this.durationMs(e);
    const recurrence = e.body.recurrence as
      | { pattern: { interval: number; daysOfWeek: string[]; firstDayOfWeek?: string }; range: { type: string; startDate: string; endDate?: string; numberOfOccurrences?: number } }
      | undefined;
    if (!recurrence) {
      const start = zonedInstant((e.body.start as { dateTime: string }).dateTime, tz);
      return [{ id: e.id, originalDate: '', start, end: new Date(start.getTime() + duration), type: 'singleInstance', isCancelled: false, event: e }];
    }
    const { pattern, range } = recurrence;
    const days = new Set(pattern.daysOfWeek.map((d) => DAY_NAMES.indexOf(d)));
    const firstDay = DAY_NAMES.indexOf(pattern.firstDayOfWeek ?? 'sunday');
    const startDay = Date.parse(`${range.startDate}T00:00:00Z`);
    // The week (starting on firstDayOfWeek) that holds the start date is week 0.
    const week0 = startDay - (((new Date(startDay).getUTCDay() - firstDay + 7) % 7) * DAY_MS);
    const lastDay = range.type === 'endDate' && range.endDate ? Date.parse(`${range.endDate}T00:00:00Z`) : to + 2 * DAY_MS;
    const time = this.localStartTime(e);
    const out: Occurrence[] = [];
    let count = 0;
    for (let day = startDay; day <= lastDay; day += DAY_MS) {
      const week = Math.floor((day - week0) / (7 * DAY_MS));
      if (week % pattern.interval !== 0 || !days.has(new Date(day).getUTCDay())) continue;
      count++;
      if (range.type === 'numbered' && range.numberOfOccurrences !== undefined && count > range.numberOfOccurrences) break;
      const date = new Date(day).toISOString().slice(0, 10);
      if (e.cancelled.has(date)) continue;
      const moved = e.moved.get(date);
      const start = moved ? new Date(moved.start) : zonedInstant(`${date}T${time}`, tz);
      const end = moved ? new Date(moved.end) : new Date(start.getTime() + duration);
      if (start.getTime() > to + DAY_MS || end.getTime() < from - DAY_MS) continue;
      out.push({ id: `${e.id}_${date}`, originalDate: date, start, end, type: moved ? 'exception' : 'occurrence', isCancelled: e.flaggedCancelled.has(date), event: e });
    }
    return out;
  }

  private cancelAction(occurrenceId: string, body: unknown): { status: number; json?: unknown } {
    const invalid = this.checkBody('cancel', body);
    if (invalid !== undefined) return invalid;
    const m = /^(.+)_(\d{4}-\d{2}-\d{2})$/.exec(occurrenceId);
    const master = m === null ? undefined : this.events.get(m[1]!);
    if (m === null || master === undefined) return { status: 404, json: graphError('ErrorItemNotFound', 'The specified object was not found in the store.') };
    master.cancelled.add(m[2]!);
    return { status: 202 };
  }

  // ---- group membership ----------------------------------------------------------------------

  private checkMemberGroups(userId: string, body: unknown): { status: number; json?: unknown } {
    const invalid = this.checkBody('checkMemberGroups', body);
    if (invalid !== undefined) return invalid;
    const groupIds = (body as { groupIds?: unknown }).groupIds;
    if (!Array.isArray(groupIds) || !groupIds.every((g) => typeof g === 'string')) return { status: 400, json: graphError('BadRequest', 'groupIds must be a collection of strings') };
    if (groupIds.length > 20) return { status: 400, json: graphError('Request_BadRequest', 'The number of groupIds must not exceed 20.') };
    const user = userId.toLowerCase();
    if (!this.users.has(user)) return { status: 404, json: graphError('Request_ResourceNotFound', `Resource '${userId}' does not exist or one of its queried reference-property objects are not present.`) };
    // Transitive: a group counts when the user is in it or in a group it holds (cycles end).
    const holds = (group: string, seen: Set<string>): boolean => {
      if (seen.has(group)) return false;
      seen.add(group);
      const members = this.groupMembers.get(group) ?? new Set<string>();
      return members.has(user) || [...members].some((m) => holds(m, seen));
    };
    const value = (groupIds as string[]).filter((g) => holds(g.toLowerCase(), new Set()));
    return { status: 200, json: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(Edm.String)', value } };
  }

  // ---- activity feed -------------------------------------------------------------------------

  private sendActivity(userId: string, body: unknown): { status: number; json?: unknown } {
    const invalid = this.checkBody('sendActivityNotification', body);
    if (invalid !== undefined) return invalid;
    const b = body as Record<string, unknown>;
    const user = this.users.get(userId.toLowerCase());
    if (user === undefined) return { status: 404, json: graphError('Request_ResourceNotFound', `Resource '${userId}' does not exist or one of its queried reference-property objects are not present.`) };
    if (!user.installed) return { status: 403, json: graphError('Forbidden', 'The app is not installed for the recipient.') };
    const topic = b.topic as { source?: string; value?: string; webUrl?: string } | undefined;
    if (topic === undefined || typeof topic.value !== 'string') return { status: 400, json: graphError('BadRequest', 'topic is required') };
    if (topic.source === 'text' && !(typeof topic.webUrl === 'string' && topic.webUrl.startsWith('https://teams.microsoft.com/'))) {
      return { status: 400, json: graphError('BadRequest', 'webUrl must be a Teams link when the topic source is text') };
    }
    const declared = this.declaredActivityTypes.get(String(b.activityType));
    if (declared === undefined) return { status: 400, json: graphError('BadRequest', `Activity type '${String(b.activityType)}' is not declared in the app manifest.`) };
    const given = ((b.templateParameters as Array<{ name: string }> | undefined) ?? []).map((p) => p.name).sort();
    if (JSON.stringify(given) !== JSON.stringify([...declared].sort())) {
      return { status: 400, json: graphError('BadRequest', `templateParameters ${given.join(',')} do not match the template's ${declared.join(',')}`) };
    }
    const preview = (b.previewText as { content?: unknown } | undefined)?.content;
    if (typeof preview !== 'string' || [...preview].length > 150) return { status: 400, json: graphError('BadRequest', 'previewText.content is required (≤ 150 characters)') };
    this.notifications.push({ userId: userId.toLowerCase(), body: b });
    return { status: 204 };
  }

  // ---- helpers -------------------------------------------------------------------------------

  private requireEvent(id: string): StoredEvent {
    const e = this.events.get(id);
    if (e === undefined) throw new Error(`FakeGraphServer: no event ${id}`);
    return e;
  }

  private zoneOf(e: StoredEvent): string {
    const tz = WINDOWS_ZONES[(e.body.start as { timeZone: string }).timeZone];
    if (tz === undefined) throw new Error('FakeGraphServer: event with an unknown time zone');
    return tz;
  }

  private localStartTime(e: StoredEvent): string {
    return (e.body.start as { dateTime: string }).dateTime.slice(11, 16);
  }

  private durationMs(e: StoredEvent): number {
    const s = (e.body.start as { dateTime: string }).dateTime.slice(0, 16);
    const en = (e.body.end as { dateTime: string }).dateTime.slice(0, 16);
    return Date.parse(`${en}:00Z`) - Date.parse(`${s}:00Z`);
  }
}

function graphError(code: string, message: string): { error: Record<string, unknown> } {
  return { error: { code, message, innerError: { 'request-id': 'fake-request', date: '2026-01-01T00:00:00' } } };
}

/** Graph's UTC dateTimeTimeZone: seven fractional digits, no offset. */
function graphDateTime(instant: Date): { dateTime: string; timeZone: string } {
  return { dateTime: `${instant.toISOString().slice(0, 19)}.0000000`, timeZone: 'UTC' };
}

const wallFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The instant a local "YYYY-MM-DDTHH:MM" happens in an IANA zone — by search over whole
 * quarter-hour offsets, deliberately not sharing code with core/time/zoned-time.ts under test.
 */
/** Answers a request with a network fault (see InjectedFault); a hanging one ends when the server stops. */
function networkFault(res: http.ServerResponse, kind: 'hang' | 'reset' | 'drop-mid-response' | 'hang-mid-response'): void {
  const half = '{"value":[{"id":"partial","subject":"';
  switch (kind) {
    case 'hang':
      return;
    case 'reset':
      res.socket?.destroy();
      return;
    case 'drop-mid-response':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '400' });
      res.write(half, () => res.socket?.destroy());
      return;
    case 'hang-mid-response':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '400' });
      res.write(half);
      return;
  }
}

export function zonedInstant(local: string, timeZone: string): Date {
  let f = wallFormatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    wallFormatters.set(timeZone, f);
  }
  const wanted = local.slice(0, 16).replace('T', ' ');
  const asUtc = Date.parse(`${local.slice(0, 16)}:00Z`);
  for (let quarter = -14 * 4; quarter <= 14 * 4; quarter++) {
    const candidate = new Date(asUtc - quarter * 15 * 60_000);
    if (f.format(candidate) === wanted) return candidate;
  }
  throw new Error(`FakeGraphServer: ${local} does not exist in ${timeZone}`);
}
