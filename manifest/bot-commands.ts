import type { IntentKind } from '../features/ask/intent';

/**
 * The commands Teams shows in the bot's command menu (manifest `bots[0].commandLists`).
 * Picking one puts its title in the compose box, so every title — and the example in its
 * description — must mean what it says to features/ask/parse-question.ts; test/manifest/teams-manifest.test.ts
 * parses each of them and compares with `titleIntent` / `example.intent` below.
 *
 * Teams' own limits (stricter than the schema): title ≤ 32 characters, description ≤ 128,
 * at most 12 commands per list.
 */
export interface BotCommand {
  title: string;
  description: string;
  /** What the title alone means. "opdater"/"historik" without a goal open the help card on purpose. */
  titleIntent: IntentKind;
  /** A complete phrasing that starts with the title and appears in the description. */
  example?: { text: string; intent: IntentKind };
}

export const BOT_COMMANDS: readonly BotCommand[] = [
  {
    title: 'status',
    description: 'Status for et mål, fx "status mål 4", eller flere: "status mål 3 og 4". Uden mål: alle mål på ét kort.',
    titleIntent: 'overview',
    example: { text: 'status mål 4', intent: 'goal-status' },
  },
  // "rapport" took the place of "oversigt" (12 is Teams' limit): "status" alone already shows every goal on one card.
  {
    title: 'rapport',
    description: 'Rapporten til KKR Syddanmark som Word-fil, fx "rapport 2021" eller "lav statusrapport pr. 1. oktober 2021".',
    titleIntent: 'report',
    example: { text: 'rapport 2021', intent: 'report' },
  },
  {
    title: 'hvad er målet for NPS?',
    description: 'Ét faktum om et mål: målet, baseline, frist, metode, hvem der måler, afrapportering. Fx "hvem måler mål 4?".',
    titleIntent: 'goal-fact',
  },
  {
    title: 'hvilke mål er i risiko?',
    description: 'Mål efter status ("hvad mangler vi data på?"), frist ("frister inden jul") eller måler.',
    titleIntent: 'goal-list',
  },
  {
    title: 'opdater',
    description: 'Indberet en ny måling til et mål, fx "opdater mål 3".',
    titleIntent: 'help',
    example: { text: 'opdater mål 3', intent: 'update-form' },
  },
  {
    title: 'historik',
    description: 'Målingerne for et mål over tid, fx "historik mål 3".',
    titleIntent: 'help',
    example: { text: 'historik mål 3', intent: 'history' },
  },
  { title: 'påmindelser', description: 'Hvilke påmindelser denne samtale får, og hvornår den næste kommer.', titleIntent: 'reminders' },
  { title: 'abonnér på påmindelser', description: 'Få påmindelser om møder og frister i denne samtale.', titleIntent: 'subscribe' },
  { title: 'afmeld påmindelser', description: 'Stop påmindelserne i denne samtale.', titleIntent: 'unsubscribe' },
  { title: 'næste møde', description: 'Hvornår direktørerne mødes næste gang.', titleIntent: 'next-meeting' },
  { title: 'frister', description: 'Kommende frister for målinger og afrapportering.', titleIntent: 'deadlines' },
  { title: 'hjælp', description: 'Hvad Målbot kan, med eksempler på spørgsmål.', titleIntent: 'help' },
];
