import { STATUSES, type Status } from '../../core/status-types';
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from '../../cards/adaptive-card';
import { executeAction } from '../../cards/execute-action';
import { CARD_VERBS } from '../../core/card-verbs';
import { statusStyle } from '../status/status-style';

export type HelpLanguage = 'da' | 'en';

interface HelpTexts {
  title: string;
  intro: string;
  examplesHeading: string;
  examples: ReadonlyArray<readonly [phrase: string, explanation: string]>;
  statusHeading: string;
  statuses: Record<Status, string>;
  overviewButton: string;
  deadlinesButton: string;
  legendButton: string;
}

/** The example phrasings are the Danish commands the bot understands, in both languages. */
const TEXTS: Record<HelpLanguage, HelpTexts> = {
  da: {
    title: 'Målbot – det kan jeg hjælpe med',
    intro: 'Jeg svarer på spørgsmål om resultatkontrakten mellem KKR Syddanmark og Erhvervshus Sydjylland: mål, målinger, status og frister.',
    examplesHeading: 'Skriv fx',
    examples: [
      ['status mål 4', 'Status for et mål med målepunkter, seneste målinger, metode og afrapportering'],
      ['hvordan går det med kendskab?', 'Find målet ud fra et emne'],
      ['status mål 3 og 4', 'Flere mål på ét kort ("sammenlign mål 7 og 8")'],
      ['hvad er målet for NPS?', 'Ét faktum: målet, baseline, frist, metode, hvem der måler, afrapportering'],
      ['hvilke mål er i risiko?', 'Mål efter status, frist ("frister inden jul") eller måler ("hvad måler Erhvervsstyrelsen?")'],
      ['og mål 5?', 'Følger op på det, du lige spurgte om ("hvad med baseline?")'],
      ['oversigt', 'Alle mål og deres status på ét kort'],
      ['historik mål 3', 'Målingerne over tid, med hvem, hvornår og kilde, og en graf'],
      ['opdater mål 3', 'For medarbejdere: indberet eller ret en måling i en formular'],
      ['rapport 2021', 'Rapporten til KKR Syddanmark som Word-fil ("afrapportering 2021", "lav statusrapport pr. 1. oktober 2021"); medarbejdere: "eksporter målinger"'],
      ['næste møde', 'Hvornår direktørerne mødes næste gang'],
      ['frister', 'Kommende frister for målinger og afrapportering'],
      ['abonnér på påmindelser', 'Påmindelser her om direktørmødet og frister ("afmeld påmindelser" stopper dem)'],
      ['påmindelser', 'Hvad denne samtale får af påmindelser, og hvornår de næste kommer'],
      ['hjælp', 'Viser dette kort'],
    ],
    statusHeading: 'Sådan læses status',
    statuses: {
      opfyldt: 'Seneste måling for målets periode når målet',
      'på vej': 'Ikke nået endnu, men tæt på og før fristen',
      'i risiko': 'Langt fra målet eller tæt på fristen',
      'ikke opfyldt': 'Målets periode er slut, og målet er ikke nået',
      'afventer måling': 'Ingen måling endnu; resultatet kan endnu ikke være kendt',
      'delvist opfyldt': 'Nogle af målets delmål eller målepunkter er opfyldt, andre ikke',
      'ingen data': 'Resultatet kunne være kendt, men der er ingen måling for perioden',
    },
    overviewButton: 'Vis oversigt',
    deadlinesButton: 'Vis frister',
    legendButton: 'Status forklaret',
  },
  en: {
    title: 'Målbot – what I can help with',
    intro: 'I answer questions about the performance contract between KKR Syddanmark and Erhvervshus Sydjylland: goals, measurements, status and deadlines. Ask in English and I answer in English; the contract\'s own words stay in Danish, in quotes.',
    examplesHeading: 'Try typing (in Danish)',
    examples: [
      ['status mål 4', 'Status of a goal with its KPIs, latest measurements, method and reporting'],
      ['hvordan går det med kendskab?', 'Find a goal by topic ("how is awareness going?")'],
      ['status mål 3 og 4', 'Several goals on one card ("status goals 3 and 4")'],
      ['hvad er målet for NPS?', 'One fact: target, baseline, deadline, method, who measures, reporting ("what is the NPS target?")'],
      ['hvilke mål er i risiko?', 'Goals by status, deadline or who measures ("which goals are at risk?")'],
      ['og mål 5?', 'Follows up on what you just asked ("what about the baseline?")'],
      ['oversigt', 'All goals and their status on one card ("overview")'],
      ['historik mål 3', 'Measurements over time with who, when, source and a chart ("history")'],
      ['opdater mål 3', 'For staff: record or correct a measurement in a form ("update")'],
      ['rapport 2021', 'The report to KKR Syddanmark as a Word file ("afrapportering 2021", "lav statusrapport pr. 1. oktober 2021"); staff: "eksporter målinger"'],
      ['næste møde', 'When the directors meet next ("next meeting")'],
      ['frister', 'Upcoming deadlines for measurements and reporting ("deadlines")'],
      ['abonnér på påmindelser', 'Reminders here about the directors\' meeting and deadlines ("afmeld påmindelser" stops them)'],
      ['påmindelser', 'Which reminders this conversation gets, and when the next ones come'],
      ['hjælp', 'Shows this card ("help")'],
    ],
    statusHeading: 'How to read a status',
    statuses: {
      opfyldt: 'Met: the latest measurement reaches the target',
      'på vej': 'On track: not met yet, but close and before the deadline',
      'i risiko': 'At risk: far from the target or close to the deadline',
      'ikke opfyldt': 'Not met: the deadline has passed without reaching the target',
      'afventer måling': 'Awaiting measurement: the result cannot be known yet',
      'delvist opfyldt': 'Partly met: some of the sub-goals or KPIs are met, others not',
      'ingen data': 'No data: the result could be known, but no measurement covers the period',
    },
    overviewButton: 'Show overview',
    deadlinesButton: 'Show deadlines',
    legendButton: 'Legend',
  },
};

/** Width of the legend's status column: the longest label ("Afventer måling") fits on a phone. */
const LEGEND_LABEL_WIDTH = '120px';

/**
 * One ColumnSet per status, so a status word and the text that explains it share a row on every
 * screen width (two independent columns drift apart as the texts wrap).
 */
function legendRow(t: HelpTexts): (s: Status) => CardElement {
  return (s) => ({
    type: 'ColumnSet',
    spacing: 'Small',
    columns: [
      { type: 'Column', width: LEGEND_LABEL_WIDTH, items: [textBlock(statusStyle(s).label, { color: statusStyle(s).color, weight: 'Bolder' })] },
      { type: 'Column', width: 'stretch', items: [textBlock(t.statuses[s])] },
    ],
  });
}

/** The element "Sådan læses status" shows and hides. */
export const STATUS_LEGEND_ID = 'statusLegend';

/** What the bot can do, with example phrasings; Danish by default. */
export function helpCard(language: HelpLanguage = 'da'): AdaptiveCard {
  const t = TEXTS[language];
  return adaptiveCard(
    [
      textBlock(t.title, { size: 'Medium', weight: 'Bolder' }),
      textBlock(t.intro),
      textBlock(t.examplesHeading, { weight: 'Bolder', spacing: 'Medium' }),
      { type: 'FactSet', facts: t.examples.map(([phrase, explanation]) => ({ title: `"${phrase}"`, value: explanation })) },
      // The legend is reference, not the first read: the last button shows it in place (no round trip).
      { type: 'Container', id: STATUS_LEGEND_ID, isVisible: false, spacing: 'Medium', items: [textBlock(t.statusHeading, { weight: 'Bolder' }), ...STATUSES.map(legendRow(t))] },
    ],
    [
      // An English card's buttons ask for English answers; a Danish card's data stays as it was.
      executeAction(t.overviewButton, CARD_VERBS.showOverview, language === 'en' ? { language } : {}),
      executeAction(t.deadlinesButton, CARD_VERBS.showDeadlines, language === 'en' ? { language } : {}),
      { type: 'Action.ToggleVisibility', title: t.legendButton, targetElements: [STATUS_LEGEND_ID] },
    ],
    t.title,
  );
}
