import type { ActivityType } from './activity-feed';

/**
 * The template parameters each activity type's Danish templateText (in the Teams manifest,
 * graph/activity-types-manifest.ts) expects. A notification must give exactly these names:
 * Teams shows a missing one as the literal "{name}". Values are already formatted Danish text.
 */
export const ACTIVITY_TEMPLATE_PARAMETERS = {
  /** meetingDate: "torsdag d. 8. januar 2026", meetingTime: "10.00". */
  meetingReminder: ['meetingDate', 'meetingTime'],
  /** deadline: what is due ("Årsrapport til KKR Syddanmark"), dueDate: "31. marts 2026". */
  deadlineReminder: ['deadline', 'dueDate'],
  /** kpi: the KPI's name, goal: "Mål 4". */
  measurementDue: ['kpi', 'goal'],
} as const satisfies Record<ActivityType, readonly string[]>;

export type ActivityTemplateParameterName<T extends ActivityType> = (typeof ACTIVITY_TEMPLATE_PARAMETERS)[T][number];
