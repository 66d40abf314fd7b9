import { ACTIVITY_TYPES, type ActivityType } from '../core/ports/activity-feed';

/**
 * The `activities` section of the Teams app manifest for Målbot's activity-feed notifications
 * (sendActivityNotification refuses an activityType the manifest does not declare). The manifest
 * builder imports this as is; the manifest also needs `webApplicationInfo.id` = GRAPH_CLIENT_ID.
 *
 * Each templateText uses exactly the parameters in ACTIVITY_TEMPLATE_PARAMETERS (a test checks
 * it); {actor} is Teams' own, filled in with the app's name for application-sent notifications.
 */
export interface ManifestActivityType {
  type: ActivityType;
  description: string;
  templateText: string;
}

const DECLARATIONS: Record<ActivityType, Omit<ManifestActivityType, 'type'>> = {
  meetingReminder: {
    description: 'Påmindelse om direktørmødet med dagsorden',
    templateText: '{actor}: Direktørmøde {meetingDate} kl. {meetingTime}',
  },
  deadlineReminder: {
    description: 'Påmindelse om en rapporteringsfrist i resultatkontrakten',
    templateText: '{actor}: Frist {dueDate} – {deadline}',
  },
  measurementDue: {
    description: 'En måling skal registreres for et nøgletal, du er ansvarlig for',
    templateText: '{actor}: Måling mangler for {kpi} ({goal})',
  },
};

export const ACTIVITY_TYPES_MANIFEST: { activityTypes: ManifestActivityType[] } = {
  activityTypes: ACTIVITY_TYPES.map((type) => ({ type, ...DECLARATIONS[type] })),
};
