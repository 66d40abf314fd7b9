import { z } from 'zod';

/**
 * The shape of a performance contract ("resultatkontrakt") as data.
 *
 * One YAML file per contract (see goals/contracts/). Everything the bot states about a
 * contract comes from such a file, so a new year's contract — or another erhvervshus's —
 * is a new file, not new code. Dates are ISO `YYYY-MM-DD` strings (calendar dates, no time zone).
 */

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'skal være en dato på formen ÅÅÅÅ-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'er ikke en gyldig kalenderdato');

/** What a KPI measures, which decides how a value is read and compared. */
export const kpiKindSchema = z.enum([
  'share', // a share in per cent, 0–100 ("37 pct.")
  'nps', // Net Promoter Score, −100…100
  'pp_change', // change in percentage points against a baseline
  'effect_vs_control', // difference in percentage points against a control group
  'milestone', // done / not done within the evaluation window
  'count', // a whole number of things (teams, agreements…)
  'duty', // an ongoing duty ("løbende forpligtelse", e.g. "opretholder og dimensionerer"): documented or not, per window
]);
export type KpiKind = z.infer<typeof kpiKindSchema>;

/** gte: value ≥ target; gt: value > target (e.g. "øget produktivitet" = better than control); done: milestone or duty. */
export const comparatorSchema = z.enum(['gte', 'gt', 'done']);
export type Comparator = z.infer<typeof comparatorSchema>;

export const segmentSchema = z.enum(['drift', 'vækst']);
export type Segment = z.infer<typeof segmentSchema>;

/** Who produces the measurement. */
export const measuredBySchema = z.enum([
  'erhvervsstyrelsen-survey', // Erhvervsstyrelsen's questionnaire to a representative sample
  'brugerevaluering', // the national user-evaluation system
  'crm', // the house's own CRM registrations
  'kl-erhvervsstyrelsen', // assessed by KL and Erhvervsstyrelsen after dialogue with the houses
  'erhvervshuset', // the house documents it itself
  'registerdata', // effect measurement on register data against a control group
]);
export type MeasuredBy = z.infer<typeof measuredBySchema>;

/** A point in time the contract names, kept both as the contract's words and as a date. */
export const dueSchema = z.strictObject({
  /** The contract's own words, e.g. "efteråret 2021", "fjerde kvartal af 2021", "2023". */
  label: z.string().min(1),
  /** The calendar day those words mean (where the data file reads them, the KPI says so in `interpreted`). */
  date: isoDate,
});
export type Due = z.infer<typeof dueSchema>;

/**
 * The evaluation window: the period a target is about ("efteråret 2021", "I 2021", "I 2023").
 * A measurement counts for the target only when its period lies inside (core/status-rules.ts R1).
 */
export const windowSchema = z.strictObject({
  /** The contract's own words. */
  label: z.string().min(1),
  from: isoDate,
  to: isoDate,
});
export type EvaluationWindow = z.infer<typeof windowSchema>;

/** What in a KPI the data file reads into the contract rather than quotes from it (shown as "Fortolkning"). */
export const interpretedPartSchema = z.enum(['target', 'window', 'horizon']);
export type InterpretedPart = z.infer<typeof interpretedPartSchema>;

export const baselineSchema = z.strictObject({
  value: z.number(),
  /** Where the baseline applies: this house ("Sydjylland") or the whole country ("landsplan"). */
  scope: z.string().min(1),
  /** When it was measured, e.g. "september 2020". */
  label: z.string().min(1),
  measuredOn: isoDate,
  /** True for the baseline the target is compared against (at most one per KPI). */
  primary: z.boolean().default(false),
});
export type Baseline = z.infer<typeof baselineSchema>;

export const kpiSchema = z
  .object({
    id: z.string().regex(/^\d+[a-z]?[a-z]?$/, 'KPI-id skal være fx "1a" eller "9c"'),
    label: z.string().min(1),
    /** The target sentence as the contract words it (Danish). */
    targetText: z.string().min(1),
    kind: kpiKindSchema,
    comparator: comparatorSchema,
    /** Target value in the kind's unit; null only for milestones and duties. */
    target: z.number().nullable(),
    /** The period the target is about; rows from other periods never decide the verdict. */
    window: windowSchema,
    /**
     * The reporting horizon: when a result can be known (e.g. Erhvervsstyrelsen's report after the
     * survey). Before it, a KPI without a measurement awaits one; after it, data is missing.
     */
    horizon: dueSchema,
    /** Parts the data file interprets; each is labelled "Fortolkning" with `interpretation` on every card. */
    interpreted: z.array(interpretedPartSchema).default([]),
    /** "once" for a single target, "annual" for one that applies every year of the contract. */
    recurrence: z.enum(['once', 'annual']).default('once'),
    baselines: z.array(baselineSchema).default([]),
    /** Set when the target must be met separately for each segment. */
    segments: z.array(segmentSchema).default([]),
    measuredBy: measuredBySchema,
    method: z.string().min(1),
    /** Unit word for counts ("teams", "hensigtserklæringer"); ignored for other kinds. */
    unit: z.string().optional(),
    /** Where the data file interprets the contract text (a derived number, an obvious typo): say so. */
    interpretation: z.string().optional(),
  })
  .superRefine((kpi, ctx) => {
    if (kpi.kind === 'milestone' || kpi.kind === 'duty') {
      if (kpi.comparator !== 'done') ctx.addIssue({ code: 'custom', path: ['comparator'], message: 'en milepæl eller forpligtelse skal have comparator "done"' });
      if (kpi.target !== null) ctx.addIssue({ code: 'custom', path: ['target'], message: 'en milepæl eller forpligtelse har ingen målværdi (brug null)' });
    } else {
      if (kpi.comparator === 'done') ctx.addIssue({ code: 'custom', path: ['comparator'], message: '"done" gælder kun milepæle og forpligtelser' });
      if (kpi.target === null) ctx.addIssue({ code: 'custom', path: ['target'], message: 'målværdi mangler' });
    }
    if (kpi.kind === 'share' && kpi.target !== null && (kpi.target < 0 || kpi.target > 100)) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'en andel skal ligge mellem 0 og 100' });
    }
    if (kpi.kind === 'nps' && kpi.target !== null && (kpi.target < -100 || kpi.target > 100)) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'NPS skal ligge mellem -100 og 100' });
    }
    if (kpi.kind === 'pp_change' && !kpi.baselines.some((b) => b.primary)) {
      ctx.addIssue({ code: 'custom', path: ['baselines'], message: 'en ændring i procentpoint kræver en primær baseline' });
    }
    if (kpi.window.from > kpi.window.to) ctx.addIssue({ code: 'custom', path: ['window', 'to'], message: 'slutdato ligger før startdato' });
    if (kpi.interpreted.length > 0 && (kpi.interpretation ?? '').trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['interpretation'], message: 'en fortolkning (interpreted) skal forklares med kontraktens ord' });
    }
    if (kpi.baselines.filter((b) => b.primary).length > 1) {
      ctx.addIssue({ code: 'custom', path: ['baselines'], message: 'højst én baseline må være primær' });
    }
  });
export type Kpi = z.infer<typeof kpiSchema>;

export const reportingObligationSchema = z.strictObject({
  /** Who reports, e.g. "Erhvervsstyrelsen", "Erhvervshus Sydjylland". */
  from: z.string().min(1),
  to: z.array(z.string().min(1)).min(1),
  /** Only where the contract states how often; left out where it does not (nothing is invented). */
  frequency: z.enum(['once', 'annual', 'continuous', 'on-request']).optional(),
  /** What is reported, in Danish. */
  about: z.string().min(1),
  /** When, in the contract's words, if it says so ("fjerde kvartal 2021"). */
  when: dueSchema.optional(),
});
export type ReportingObligation = z.infer<typeof reportingObligationSchema>;

export const goalSchema = z.strictObject({
  /** "1".."10", or "9a".."9d" for a sub-goal. */
  id: z.string().regex(/^\d+[a-z]?$/, 'mål-id skal være fx "4" eller "9c"'),
  /** Set on a sub-goal: the id of the goal it belongs to. */
  parentId: z.string().optional(),
  scope: z.enum(['national', 'local']),
  title: z.string().min(1),
  purpose: z.string().min(1),
  /** Extra search words that point to this goal ("kendskab", "NPS"…), lower case. */
  topics: z.array(z.string().min(1)).default([]),
  kpis: z.array(kpiSchema).default([]),
  reporting: z.array(reportingObligationSchema).default([]),
  /**
   * Slips in the contract text, shown as written with the correction beside them (never silently
   * corrected): e.g. Mål 7's "Erhvervshus Syddanmark".
   */
  textNotes: z.array(z.strictObject({ writtenAs: z.string().min(1), note: z.string().min(1) })).default([]),
});
export type Goal = z.infer<typeof goalSchema>;

export const deadlineSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'frist-id: små bogstaver, tal og bindestreg'),
  title: z.string().min(1),
  /** First and last day of the window ("tredje kvartal 2021" = 2021-07-01…2021-09-30); a single day has from = to. */
  from: isoDate,
  to: isoDate,
  label: z.string().min(1),
  /** The contract names no day ("efter årets afslutning"): cards show the label, `from` is only the earliest day. */
  undated: z.boolean().optional(),
  goalIds: z.array(z.string()).default([]),
  responsible: z.string().min(1),
  /** A report to KKR Syddanmark is due by it: its reminders and the meeting card offer "Lav rapport". */
  kkrReport: z.boolean().optional(),
});
export type Deadline = z.infer<typeof deadlineSchema>;

export const contractSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'kontrakt-id: små bogstaver, tal og bindestreg'),
    title: z.string().min(1),
    year: z.number().int(),
    parties: z.strictObject({
      principal: z.string().min(1), // KKR Syddanmark
      house: z.string().min(1), // Erhvervshus Sydjylland
      shortHouseName: z.string().min(1), // Sydjylland (as in the survey tables)
    }),
    signedOn: isoDate,
    validFrom: isoDate,
    validTo: isoDate,
    extension: z.string().min(1),
    responsible: z.string().min(1),
    staffCount: z.strictObject({ value: z.number().int().positive(), asOf: isoDate }).optional(),
    municipalities: z.strictObject({
      count: z.number().int().positive(),
      /** The contract gives only the count (and names Middelfart); names come from outside it. */
      names: z.array(z.string().min(1)),
      namesSource: z.string().min(1),
    }),
    businessRegions: z.number().int().nonnegative(),
    meeting: z.strictObject({
      title: z.string().min(1),
      intervalDays: z.number().int().positive(),
      participants: z.array(z.string().min(1)).min(1),
      /** The contract's own words about the meeting. */
      text: z.string().min(1),
    }),
    reporting: z.array(reportingObligationSchema).default([]),
    deadlines: z.array(deadlineSchema).default([]),
    goals: z.array(goalSchema).min(1),
  })
  .superRefine((c, ctx) => {
    const goalIds = new Set<string>();
    c.goals.forEach((g, i) => {
      if (goalIds.has(g.id)) ctx.addIssue({ code: 'custom', path: ['goals', i, 'id'], message: `mål-id "${g.id}" findes to gange` });
      goalIds.add(g.id);
    });
    const kpiIds = new Set<string>();
    c.goals.forEach((g, i) => {
      if (g.parentId !== undefined && !c.goals.some((p) => p.id === g.parentId)) {
        ctx.addIssue({ code: 'custom', path: ['goals', i, 'parentId'], message: `overordnet mål "${g.parentId}" findes ikke` });
      }
      g.kpis.forEach((k, j) => {
        if (kpiIds.has(k.id)) ctx.addIssue({ code: 'custom', path: ['goals', i, 'kpis', j, 'id'], message: `KPI-id "${k.id}" findes to gange` });
        kpiIds.add(k.id);
      });
    });
    c.deadlines.forEach((d, i) => {
      if (d.from > d.to) ctx.addIssue({ code: 'custom', path: ['deadlines', i, 'to'], message: 'slutdato ligger før startdato' });
      d.goalIds.forEach((gid, j) => {
        if (!goalIds.has(gid)) ctx.addIssue({ code: 'custom', path: ['deadlines', i, 'goalIds', j], message: `mål "${gid}" findes ikke` });
      });
    });
    if (c.municipalities.names.length !== 0 && c.municipalities.names.length !== c.municipalities.count) {
      ctx.addIssue({ code: 'custom', path: ['municipalities', 'names'], message: `${c.municipalities.names.length} navne, men antal er ${c.municipalities.count}` });
    }
  });

export type ContractData = z.infer<typeof contractSchema>;
