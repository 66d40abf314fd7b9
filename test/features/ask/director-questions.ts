import type { GoalFact, Intent, IntentKind } from '../../../features/ask/intent';
import type { Status } from '../../../core/status-types';

/**
 * Questions a director really types, against the real contract file (issue 11), with what they
 * must mean and — where `says` is given — words and numbers the answer must contain, and where
 * `never` is given, words it must not contain (an English answer's cards name no Danish label; the
 * answer is built for 15 October 2021 with no measurements). Facts come from the contract text
 * (../shared/contract/): e.g. NPS mindst 70 (3b), baseline 68 % for grønne ydelser (6b), signed 8 March 2021.
 * `expect` names only the fields that matter; the test compares those.
 */
export interface DirectorCase {
  q: string;
  expect: { kind: IntentKind } & Partial<Record<string, unknown>>;
  says?: readonly string[];
  never?: readonly string[];
}

const c = (q: string, expect: DirectorCase['expect'], says?: readonly string[], never?: readonly string[]): DirectorCase => ({ q, expect, ...(says ? { says } : {}), ...(never ? { never } : {}) });
/** The Danish labels of the status, overview and several-goals cards: never on an English question's card. */
const DANISH_STATUS_LABELS = ['Mål 1', 'Mål 3', 'Mål 4', 'Mål 9', 'Samlet status', 'Seneste måling', 'Målepunkter', 'Vis detaljer', 'Historik', 'Oversigt', 'Afventer måling', 'Status pr.', 'Status for', 'pr. 15', 'Kontraktperiode', 'målepunkter'];
/** The Danish words of the bot's other answers (not-understood, deadlines, lists): never on an English question's answer. */
const DANISH_ANSWER_LABELS = ['Kontrakten har ingen', 'Skriv fx', 'Vis oversigt', 'Vis hjælp', 'Det forstod jeg ikke', 'Frister', 'Alle frister', 'pr. 15', 'Mål 1', 'Mål 3', 'Mål 9', 'Afventer måling', 'Der er ingen', 'Jeg kan'];
const goal = (goalId: string, extra: Partial<Intent> = {}) => ({ kind: 'goal-status' as const, goalId, ...extra });
const several = (goalIds: string[], unknown: string[] = []) => ({ kind: 'several-goals' as const, goalIds, unknown });
const fact = (goalId: string, f: GoalFact, kpiId?: string) => ({ kind: 'goal-fact' as const, goalId, fact: f, ...(kpiId ? { kpiId } : {}) });
const contractFact = (f: string) => ({ kind: 'contract-fact' as const, fact: f });
const byStatus = (statuses: Status[]) => ({ kind: 'goal-list' as const, filter: { by: 'status', statuses } });
const byDeadline = (range: string) => ({ kind: 'goal-list' as const, filter: { by: 'deadline', range } });
const byMeasurer = (who: string[]) => ({ kind: 'goal-list' as const, filter: { by: 'measured-by', who } });
const byScope = (scope: string) => ({ kind: 'goal-list' as const, filter: { by: 'scope', scope } });
const unknown = (requested: string) => ({ kind: 'unknown-goal' as const, requested });
const choose = (goalIds: string[]) => ({ kind: 'choose-goal' as const, goalIds });
const followUp = (f: GoalFact) => ({ kind: 'follow-up' as const, fact: f });
const en = <T extends object>(x: T) => ({ ...x, language: 'en' });
const ENS = ['erhvervsstyrelsen-survey', 'brugerevaluering', 'kl-erhvervsstyrelsen'];

const GOAL_IDS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '9a', '9b', '9c', '9d', '10'];

/** Fact phrasings asked of every goal by number ("{id}" is the goal id). */
const FACT_TEMPLATES: ReadonlyArray<readonly [template: string, fact: GoalFact]> = [
  ['hvad er baseline for mål {id}?', 'baseline'],
  ['baseline mål {id}', 'baseline'],
  ['hvem måler mål {id}?', 'measured-by'],
  ['hvordan måles mål {id}?', 'method'],
  ['hvad er metoden for mål {id}', 'method'],
  ['hvad er målet for mål {id}?', 'target'],
  ['hvornår skal mål {id} afrapporteres?', 'reporting'],
  ['hvem rapporterer mål {id} til?', 'reporting'],
  ['hvornår er fristen for mål {id}?', 'period'],
  ['seneste måling for mål {id}', 'latest'],
  ['hvilke segmenter gælder mål {id}?', 'segments'],
  ['what is the baseline for goal {id}?', 'baseline'],
  ['who measures goal {id}?', 'measured-by'],
];

const generatedFacts: DirectorCase[] = GOAL_IDS.flatMap((id) =>
  FACT_TEMPLATES.map(([template, f]) => {
    const q = template.replace('{id}', id);
    const expect = q.startsWith('what') || q.startsWith('who') ? en(fact(id, f)) : fact(id, f);
    return c(q, expect, [q.startsWith('what') || q.startsWith('who') ? `goal ${id}` : `mål ${id}`]);
  }),
);

/** Several goals, every neighbouring pair in three phrasings. */
const generatedPairs: DirectorCase[] = GOAL_IDS.slice(0, -1).flatMap((a, i) => {
  const b = GOAL_IDS[i + 1] as string;
  return [
    c(`status mål ${a} og ${b}`, several([a, b]), [`Mål ${a} –`, `Mål ${b} –`]),
    c(`sammenlign mål ${a} og ${b}`, several([a, b])),
    c(`status goals ${a} and ${b}`, en(several([a, b])), [`Status of goals ${a} and ${b}`, `Goal ${a} –`, `Goal ${b} –`], [`Mål ${a} –`, `Mål ${b} –`, 'Afventer måling', 'målepunkter']),
  ];
});

const handWritten: readonly DirectorCase[] = [
  // --- the issue's own phrasings
  c('hvilke mål er i risiko?', byStatus(['i risiko']), ['Mål i risiko']),
  c('hvad mangler vi data på?', byStatus(['ingen data', 'afventer måling']), ['Mål, der mangler data']),
  c('which goals are at risk?', en(byStatus(['i risiko'])), ['Goals at risk', 'No goal is at risk as of 15 October 2021.']),
  c('status på mål 3 og 4', several(['3', '4']), ['Mål 3 – Kvalitet', 'Mål 4 – Erhvervshusenes knudepunktsfunktion', 'mindst 70 (NPS)']),
  c('hvordan går det med mål 1, 2 og 3?', several(['1', '2', '3']), ['Mål 1 –', 'Mål 2 –', 'Mål 3 –']),
  c('status mål 3 &amp; 4', several(['3', '4'])),
  c('status mål 3 & 4', several(['3', '4'])),
  c('status goals 3 and 4', en(several(['3', '4'])), ['Status of goals 3 and 4', 'as of 15 October 2021', 'Goal 3 – Kvalitet', 'Goal 4 – Erhvervshusenes knudepunktsfunktion', 'at least 70 (NPS)', '0 of 2 KPIs met'], DANISH_STATUS_LABELS),
  // --- English status cards (the goal's card, the overview, several goals): English frame, the contract's words as written
  c('how is goal 9 doing?', en(goal('9')), ['Goal 9 – Regional strategi', 'Overall status: Awaiting measurement', 'Sub-goals', 'Goal 9a –', 'KPIs in detail', 'Target', 'Latest measurement', 'no measurement yet', 'Local goal'], [...DANISH_STATUS_LABELS, 'Delmål', 'Lokalt']),
  c('what is the status of goal 1?', en(goal('1')), ['Goal 1 – Virksomhedernes kendskab til erhvervshusene', 'Baseline', '32 % in september 2020 (Sydjylland)', 'at least 37 %', 'Awaiting a measurement for “efteråret 2021”', 'Status as of 15 October 2021', 'Show details', 'History', 'Overview'], DANISH_STATUS_LABELS),
  c('status of all goals', en({ kind: 'overview' }), ['Status as of 15 October 2021', 'Goal 1', 'Goal 10', 'Awaiting measurement', 'awaiting measurement', 'Contract period 1 January 2021–31 December 2021.', 'Tap a goal for details'], DANISH_STATUS_LABELS),
  c('compare goals 7 and 8', en(several(['7', '8'])), ['Status of goals 7 and 8', 'Goal 7 – Effekt i virksomhederne', 'Goal 8 –', 'above the control group'], DANISH_STATUS_LABELS),
  c('what about goal 6?', en(goal('6', { continues: true })), ['Goal 6 – Grøn omstilling og cirkulær økonomi', 'Overall status: Awaiting measurement', 'at least +10 percentage points on 68 %'], DANISH_STATUS_LABELS),
  c('status goals 3 and 11', en(several(['3'], ['11'])), ['Goal 3 –', 'The contract has no Goal 11 (the goals are'], ['Kontrakten har ingen', 'Mål 11']),
  c('9a og 9b', several(['9a', '9b']), ['Mål 9a –', 'Mål 9b –']),
  c('sammenlign mål 7 og 8', several(['7', '8']), ['Mål 7 – Effekt i virksomhederne', 'Mål 8 – Digitalisering']),
  c('mål 3 og 4', several(['3', '4'])),
  c('1, 2 og 3', several(['1', '2', '3'])),
  c('hvad er målet for NPS?', fact('3', 'target', '3b'), ['mindst 70 (NPS) for både driftssegmentet og vækstsegmentet', 'Kontrakten: »Erhvervshusene opnår hvert år en Net Promotor Score (NPS) på mindst 70']),
  c('hvornår skal mål 3 afrapporteres?', fact('3', 'reporting'), ['Erhvervsstyrelsen rapporterer til KL og Erhvervshusene (årligt)', 'Erhvervshus Sydjylland rapporterer til KKR Syddanmark (årligt)']),
  c('hvornår skal designuddannelsen være gennemført?', fact('9c', 'period'), ['senest 31/12-2021']),
  c('hvor mange procent skal svare meget tilfreds?', fact('3', 'target', '3a'), ['mindst 80 %']),
  c('hvad er kendskabsmålet for 2023?', { ...fact('1', 'target'), at: { year: 2023 } }, ['mindst 50 %', 'I 2023']),
  c('hvem rapporterer vi til, og hvor ofte?', contractFact('reporting'), ['KKR Syddanmark (løbende)', 'minimum årligt']),
  c('hvornår trådte kontrakten i kraft?', contractFact('period'), ['1. januar 2021']),
  c('hvem har ansvaret?', contractFact('responsible'), ['Direktøren for Erhvervshus Sydjylland']),
  c('hvad var baseline for det grønne kendskab?', fact('6', 'baseline'), ['68 %', 'september 2020']),
  c('hvor tilfredse er virksomhederne med os?', goal('3')),
  c('hvordan gik det med coronahjælpen?', goal('5')),
  c('klyngesamarbejde', goal('10')),
  c('dialogværktøjet', goal('6')),
  c('hvilke afrapporteringsfrister har vi?', { kind: 'deadlines' }),
  c('giv mig en status på hele resultatkontrakten', { kind: 'overview' }),
  c('status mål 11', unknown('11'), ['Kontrakten har ingen Mål 11 (målene er 1–10, 9a–9d)']),
  c('9e', unknown('9e'), ['Kontrakten har ingen Mål 9e']),
  c('status mål ${1+1}', { kind: 'overview' }),
  c('hej', { kind: 'small-talk' }, ['"oversigt"', '"status mål 4"', '"frister"']),
  c('tak', { kind: 'small-talk' }),
  c('hvordan har du det?', { kind: 'small-talk' }, ['Hej!']),
  c('hvad skal vi nå inden jul?', byDeadline('before-christmas'), ['Frister inden jul', 'fjerde kvartal af 2021']),
  c('frister i næste kvartal', byDeadline('next-quarter'), ['Frister i næste kvartal']),
  c('hvad måler Erhvervsstyrelsen?', byMeasurer(ENS), ['Det måler Erhvervsstyrelsen', '3b – Net Promoter Score']),
  c('what is the NPS target?', en(fact('3', 'target', '3b')), ['Target', 'at least 70 (NPS)', 'for both the operations segment (drift) and the growth segment (vækst)', 'every year', 'The contract: »']),
  // --- several goals
  c('status på mål 1 og 2', several(['1', '2'])),
  c('mål 1, 2, 3 og 4', several(['1', '2', '3', '4'])),
  c('hvordan går det med mål 9a, 9b og 9c?', several(['9a', '9b', '9c'])),
  c('status mål 5 samt 6', several(['5', '6'])),
  c('mål 7 vs 8', several(['7', '8'])),
  c('mål 7 mod mål 8', several(['7', '8'])),
  c('sammenlign 3 og 4', several(['3', '4'])),
  c('compare goal 1 and goal 6', en(several(['1', '6']))),
  c('mål 3 og 11', several(['3'], ['11']), ['Kontrakten har ingen Mål 11']),
  c('mål 11 og 12', unknown('11')),
  c('mål 4 og 4', goal('4')),
  c('status mål 2 og 10', several(['2', '10'])),
  c('hvordan står det til med mål 6 og mål 7', several(['6', '7'])),
  c('mål tre og fire', several(['3', '4'])),
  c('goals 1, 2 and 3', en(several(['1', '2', '3']))),
  c('mål 1 og 2 pr. 1. oktober 2021', { ...several(['1', '2']), at: { asOf: '2021-10-01' } }),
  c('9c og 9d', several(['9c', '9d'])),
  c('mål 9 og 10', several(['9', '10'])),
  // --- several topics, ranges
  c('hvad er status på kendskabet og tilfredsheden?', several(['1', '3']), ['Mål 1 –', 'Mål 3 –']),
  c('hvordan går det med de grønne mål og digitalisering', several(['6', '8'])),
  c('sammenlign kendskab og NPS', several(['1', '3'])),
  c('vis mål 1 til 3', several(['1', '2', '3'])),
  c('mål 8 til 10', several(['8', '9', '10'])),
  c('goals 1 to 3', en(several(['1', '2', '3']))),
  c('mål 4 til 20', goal('4')),
  // --- focused facts, by topic
  c('hvad er baseline for kendskab?', fact('1', 'baseline'), ['32 %', '33 %']),
  c('baseline for grønne ydelser', fact('6', 'baseline'), ['68 %', '61 %']),
  c('hvad er udgangspunktet for det grønne kendskab', fact('6', 'baseline'), ['68 %']),
  c('hvem måler NPS?', fact('3', 'measured-by', '3b'), ['brugerevalueringen']),
  c('hvem måler kendskabet?', fact('1', 'measured-by'), ['spørgeskemaundersøgelse']),
  c('hvordan måles NPS?', fact('3', 'method', '3b'), ['anbefale']),
  c('hvordan opgøres kendskabsgraden', fact('1', 'method'), ['opgøres af Erhvervsstyrelsen']),
  c('hvad er metoden for henvisninger', fact('4', 'method'), ['et halvt år']),
  c('hvem opgør dialogværktøjet?', fact('6', 'measured-by', '6a'), ['KL og Erhvervsstyrelsen']),
  c('hvilke segmenter gælder NPS?', fact('3', 'segments', '3b'), ['driftssegmentet og vækstsegmentet']),
  c('gælder tilfredsheden for begge segmenter?', fact('3', 'segments'), ['driftssegmentet']),
  c('segmenter for mervækst', fact('7', 'segments'), ['vækstsegmentet']),
  c('hvad er målet for kendskab?', fact('1', 'target'), ['mindst 37 %', 'mindst 50 %']),
  c('hvad er målet for henvisning?', fact('4', 'target'), ['mindst 45 %']),
  c('hvad er målet for coronahjælpen?', fact('5', 'target'), ['75 %', 'Fortolkning']),
  c('hvad er målsætningen for digitalisering?', fact('8', 'target'), ['mindst 70 %', 'Fortolkning']),
  c('hvor mange hensigtserklæringer skal vi have?', fact('9d', 'target'), ['mindst 13 hensigtserklæringer', 'Fortolkning']),
  c('hvor mange selvstyrende teams skal der være?', fact('9a', 'target'), ['mindst 3 selvstyrende teams']),
  c('hvad er kravet til mervækst i omsætning?', fact('7', 'target', '7b'), ['mindst +10 procentpoint over kontrolgruppen']),
  c('NPS-målet', fact('3', 'target', '3b'), ['mindst 70']),
  c('kendskabsmålet', fact('1', 'target')),
  c('hvornår skal klyngeaftalerne være på plads?', fact('10', 'period')),
  c('hvornår er fristen for designtænkning', fact('9c', 'period'), ['senest 31/12-2021']),
  c('hvad er perioden for NPS?', fact('3', 'period', '3b'), ['hvert år (kontraktåret 2021)']),
  c('hvornår afrapporteres kendskab?', fact('1', 'reporting'), ['efteråret 2021']),
  c('hvor ofte rapporteres NPS?', fact('3', 'reporting'), ['årligt']),
  c('til hvem rapporteres kriseberedskabet?', fact('5', 'reporting'), ['Erhvervsstyrelsen og KL']),
  c('seneste måling af NPS', fact('3', 'latest', '3b'), ['ingen måling']),
  c('hvad blev kendskabet?', fact('1', 'latest')),
  c('resultatet for mål 4', fact('4', 'latest'), ['Afventer måling']),
  c('hvad er baseline for 6b?', fact('6', 'baseline', '6b'), ['68 %']),
  c('hvem måler 1c?', fact('1', 'measured-by', '1c'), ['CRM-system']),
  c('hvad er målet for 3b', fact('3', 'target', '3b'), ['mindst 70']),
  c('status 3b', goal('3')),
  c('hvad er basline for kendskab?', fact('1', 'baseline'), ['32 %']),
  c('what is the baseline for awareness?', en(fact('1', 'baseline')), ['Baseline', ' in “']),
  c('who measures NPS?', en(fact('3', 'measured-by', '3b')), ['3b: measured by Erhvervsstyrelsen', 'user evaluation']),
  c('how is NPS measured?', en(fact('3', 'method', '3b')), ["3b: the contract's method: “", 'How it is measured – goal 3']),
  c('when is goal 9c due?', en(fact('9c', 'period')), ['the target applies to “', 'the result is expected “']),
  c('hvad skal NPS være?', fact('3', 'target', '3b'), ['mindst 70']),
  c('hvem laver målingen af NPS?', fact('3', 'measured-by', '3b'), ['brugerevalueringen']),
  c('hvad er formålet med mål 4?', fact('4', 'purpose'), ['indgang og knudepunkt']),
  c('hvorfor har vi mål 9?', fact('9', 'purpose'), ['5 ledestjerner']),
  c('formålet med klyngesamarbejdet', fact('10', 'purpose'), ['nationale klynger']),
  // --- English fact sentences (item 7): English frame, the contract's numbers, its own words quoted
  c('what is the baseline for goal 6?', en(fact('6', 'baseline')), ['Baseline – goal 6', '68 % in “', '61 %']),
  c('what is the baseline for goal 1?', en(fact('1', 'baseline')), ['32 %', '33 %', ' in “']),
  c('what is the target for goal 3?', en(fact('3', 'target')), ['Target – goal 3', 'at least 70 (NPS)', 'every year']),
  c('who measures goal 1?', en(fact('1', 'measured-by')), ['measured by Erhvervsstyrelsen (the Danish Business Authority), with a questionnaire']),
  c('when is goal 3 due?', en(fact('3', 'period')), ['the target applies to “', '; the result is expected “']),
  c('what is the purpose of goal 6?', en(fact('6', 'purpose')), ['Purpose', "The contract's purpose: “"]),
  // --- contract facts
  c('hvornår blev kontrakten underskrevet?', contractFact('signed'), ['8. marts 2021']),
  c('hvem har underskrevet kontrakten?', contractFact('signed'), ['KKR Syddanmark og Erhvervshus Sydjylland']),
  c('hvem er ansvarlig for kontrakten?', contractFact('responsible'), ['Direktøren']),
  c('hvem har ansvaret for resultatkontrakten?', contractFact('responsible')),
  c('kan kontrakten forlænges?', contractFact('extension'), ['forlænges med 1 år ad gangen']),
  c('forlængelse af kontrakten', contractFact('extension')),
  c('hvem er parterne?', contractFact('parties'), ['KKR Syddanmark og Erhvervshus Sydjylland']),
  c('hvem er parterne i kontrakten?', contractFact('parties')),
  c('hvor mange kommuner er med?', contractFact('municipalities'), ['13 kommuner']),
  c('hvor mange kommuner dækker vi?', contractFact('municipalities'), ['13 kommuner', 'Middelfart']),
  c('hvor ofte mødes vi?', contractFact('meeting'), ['hver 14. dag']),
  c('hvem deltager i møderne?', contractFact('meeting'), ['business regions']),
  c('hvornår udløber kontrakten?', contractFact('period'), ['31. december 2021']),
  c('hvor længe gælder kontrakten?', contractFact('period')),
  c('hvornår starter kontrakten?', contractFact('period')),
  c('kontraktperioden', contractFact('period')),
  c('om kontrakten', { kind: 'contract' }),
  c('hvad er vores afrapporteringspligter?', contractFact('reporting')),
  c('when was the contract signed?', en(contractFact('signed')), ['The contract was signed on 8 March 2021 by KKR Syddanmark and Erhvervshus Sydjylland.']),
  c('who is responsible?', en(contractFact('responsible')), ['Responsible for the performance contract: “Direktøren for Erhvervshus Sydjylland']),
  c('can the contract be extended?', en(contractFact('extension')), ['The contract on extension: “', 'forlænges med 1 år ad gangen']),
  c('how many municipalities?', en(contractFact('municipalities')), ['Erhvervshus Sydjylland covers 13 municipalities.', 'Middelfart']),
  c('is the contract in force?', en(contractFact('period')), ['took effect on 1 January 2021 and runs until 31 December 2021']),
  // --- lists by status
  c('hvilke mål er ikke opfyldt?', byStatus(['ikke opfyldt'])),
  c('hvad er ikke nået?', byStatus(['ikke opfyldt'])),
  c('hvilke mål er opfyldt?', byStatus(['opfyldt'])),
  c('hvilke mål er delvist opfyldt?', byStatus(['delvist opfyldt'])),
  c('hvilke mål er på vej?', byStatus(['på vej'])),
  c('hvilke mål afventer måling?', byStatus(['afventer måling'])),
  c('hvad afventer vi?', byStatus(['afventer måling'])),
  c('mål uden data', byStatus(['ingen data', 'afventer måling'])),
  c('hvor har vi ingen data?', byStatus(['ingen data', 'afventer måling'])),
  c('mangler der målinger?', byStatus(['ingen data', 'afventer måling'])),
  c('er der mål i risiko?', byStatus(['i risiko'])),
  c('hvad er i risiko', byStatus(['i risiko'])),
  c('risiko', byStatus(['i risiko'])),
  c('hvor halter vi?', byStatus(['ikke opfyldt', 'i risiko'])),
  c('hvor er vi bagud?', byStatus(['ikke opfyldt', 'i risiko'])),
  c('hvor har vi problemer', byStatus(['ikke opfyldt', 'i risiko'])),
  c('which goals are not met?', en(byStatus(['ikke opfyldt']))),
  c('which goals are met?', en(byStatus(['opfyldt']))),
  c('which goals have no data?', en(byStatus(['ingen data', 'afventer måling'])), ['Goals without data', 'as of 15 October 2021', 'Goal 1 –', 'Awaiting measurement', 'Awaiting a measurement for “efteråret 2021”'], ['Mål 1 –', 'Afventer', 'pr. 15']),
  c('what is on track?', en(byStatus(['på vej']))),
  c('hvilke mål er i risiko pr. 1. oktober 2021?', { ...byStatus(['i risiko']), at: { asOf: '2021-10-01' } }),
  // --- lists by deadline
  c('frister inden jul', byDeadline('before-christmas')),
  c('hvad skal vi nå før jul', byDeadline('before-christmas')),
  c('hvad skal være klar til jul?', byDeadline('before-christmas')),
  c('hvilke frister har vi i næste kvartal?', byDeadline('next-quarter')),
  c('frister i dette kvartal', byDeadline('this-quarter')),
  c('frister næste måned', byDeadline('next-month')),
  c('frister denne måned', byDeadline('this-month')),
  c('hvad skal vi nå i år?', byDeadline('this-year')),
  c('frister resten af året', byDeadline('this-year')),
  c('deadlines next quarter', en(byDeadline('next-quarter')), ['Deadlines next quarter (1 January 2022–31 March 2022)', '“Endelig resultatopfyldelse afrapporteres til KKR Syddanmark”'], [...DANISH_ANSWER_LABELS, 'næste kvartal']),
  c('deadlines before christmas', en(byDeadline('before-christmas'))),
  c('frister næste år', byDeadline('next-year')),
  // --- lists by measurer and scope
  c('hvad måler Erhvervsstyrelsen', byMeasurer(ENS)),
  c('hvilke mål måles af Erhvervsstyrelsen?', byMeasurer(ENS)),
  c('hvilke mål opgøres i brugerevalueringen?', byMeasurer(['brugerevaluering']), ['3b – Net Promoter Score']),
  c('brugerevaluering', byMeasurer(['brugerevaluering'])),
  c('hvad måles i CRM?', byMeasurer(['crm']), ['1c']),
  c('hvad måler vi selv?', byMeasurer(['erhvervshuset', 'crm']), ['9a', '10a']),
  c('hvad måles med registerdata?', byMeasurer(['registerdata']), ['7b', 'Fortolkning']),
  c('hvilke mål måler KL?', byMeasurer(['kl-erhvervsstyrelsen'])),
  c('hvilke mål afrapporterer Erhvervsstyrelsen?', { kind: 'goal-list', filter: { by: 'reported-by', from: 'Erhvervsstyrelsen' } }, ['Det afrapporterer Erhvervsstyrelsen', 'til KL og Erhvervshusene']),
  c('hvad rapporterer Erhvervsstyrelsen om?', { kind: 'goal-list', filter: { by: 'reported-by', from: 'Erhvervsstyrelsen' } }),
  c('hvilke mål mangler vi at indberette?', byStatus(['ingen data', 'afventer måling'])),
  c('which goals are local?', en(byScope('local'))),
  c('which goals are national?', en(byScope('national'))),
  c('de nationale mål', byScope('national'), ['Mål 1 –', 'Mål 8 –']),
  c('hvordan går det med de lokale mål?', byScope('local'), ['Mål 9a –', 'Mål 10 –']),
  c('lokale mål', byScope('local')),
  c('nationale mål', byScope('national')),
  c('show the national goals', en(byScope('national'))),
  c('local goals', en(byScope('local'))),
  // --- word forms, compounds, typos
  c('tilfredsheden', goal('3')),
  c('hvordan går det med tilfredsheden blandt virksomhederne', goal('3')),
  c('coronakrisen', goal('5')),
  c('kriseberedskabet', goal('5')),
  c('klyngesamarbejdet', goal('10')),
  c('hvad med klyngesamarbejdet', goal('10', { continues: true })),
  c('klyngeaftalerne', goal('10')),
  c('designuddannelsen', goal('9c')),
  c('dialogværktøj', goal('6')),
  c('det fælles dialogværktøj', goal('6')),
  c('grønne ydelser', goal('6')),
  c('eksportteams', goal('9a')),
  c('koordinatoren', goal('9b')),
  c('hensigtserklæringerne med kommunerne', goal('9d')),
  c('samarbejdsaftalerne med klyngerne', goal('10')),
  c('henvisningerne', goal('4')),
  c('kendskabsgraden', goal('1')),
  c('digitaliseringen', goal('8')),
  c('bæredygtigheden', goal('6')),
  c('kendskb', goal('1')),
  c('tilfredhed', goal('3')),
  c('digitalisring', goal('8')),
  c('klyngere', goal('10')),
  c('kriseberedsab', goal('5')),
  c('henvisnnig', goal('4')),
  c('eksportør', { kind: 'not-understood' }),
  c('status på eksportører', { kind: 'not-understood' }),
  c('omsætning', goal('7')),
  c('beskæftigelse', goal('7')),
  c('automatisering', goal('8')),
  c('anbefale', goal('3')),
  c('innovation', goal('10')),
  c('key account', goal('9d')),
  // --- ambiguity
  c('kendskabsmålingen', choose(['1', '6']), ['Mente du Mål 1 (Virksomhedernes kendskab til erhvervshusene) eller Mål 6 (Grøn omstilling og cirkulær økonomi)?']),
  c('hvordan går kendskabsundersøgelsen?', choose(['1', '6'])),
  c('what is the baseline for kendskabsmålingen?', { ...en(choose(['1', '6'])), fact: 'baseline' }, ['Did you mean Goal 1 (Virksomhedernes kendskab til erhvervshusene) or Goal 6 (Grøn omstilling og cirkulær økonomi)?']),
  c('positiv effekt', choose(['5', '7', '8'])),
  c('landdistrikterne', choose(['2', '9d'])),
  // --- follow-ups (the conversation supplies the goal)
  c('hvad med baseline?', followUp('baseline')),
  c('hvem måler det?', followUp('measured-by')),
  c('og metoden?', followUp('method')),
  c('hvornår skal det afrapporteres?', followUp('reporting')),
  c('og segmenterne?', followUp('segments')),
  c('og mål 5?', goal('5', { continues: true })),
  c('hvad med mål 6', goal('6', { continues: true })),
  c('og 9b?', goal('9b', { continues: true })),
  c('and goal 4?', en(goal('4', { continues: true })), ['Goal 4 – Erhvervshusenes knudepunktsfunktion', 'Overall status: Awaiting measurement', 'Target', 'at least 45 %'], DANISH_STATUS_LABELS),
  c('what about the baseline?', en(followUp('baseline'))),
  // --- honest unknowns and code
  c('mål 0', unknown('0')),
  c('status mål 12', unknown('12'), ['Kontrakten har ingen Mål 12']),
  c('mål 9 e', unknown('9e')),
  c('goal 11', en(unknown('11')), ['The contract has no Goal 11 (the goals are 1–10, 9a–9d)'], DANISH_ANSWER_LABELS),
  c('mål `3`', { kind: 'overview' }),
  c('status mål {{ 4 }}', { kind: 'overview' }),
  c('status <code>mål 4</code>', { kind: 'overview' }),
  c('<pre>mål 7</pre> hvad er klokken', { kind: 'not-understood' }),
  c('```mål 2```', { kind: 'help' }),
  c('mål ${goal} status', { kind: 'overview' }),
  c('status mål 5 ${x}', goal('5')),
  // --- small talk
  c('hej målbot', { kind: 'small-talk' }),
  c('godmorgen', { kind: 'small-talk' }),
  c('tak for hjælpen', { kind: 'small-talk' }),
  c('mange tak', { kind: 'small-talk' }),
  c('hi', en({ kind: 'small-talk' })),
  c('thanks', en({ kind: 'small-talk' })),
  c('how are you?', en({ kind: 'small-talk' })),
  c('godt arbejde', { kind: 'small-talk' }),
  c('hvordan har du det i dag?', { kind: 'small-talk' }),
  c('hej, status mål 4', goal('4')),
  c('tak, hvad er baseline for mål 1?', fact('1', 'baseline')),
  // --- English answers beyond the status cards (issue 11): the bot's own words English, the contract's kept Danish in quotes
  c('status of goal 11', en(unknown('11')), ['The contract has no Goal 11 (the goals are 1–10, 9a–9d)', 'Try e.g.:', '"status goal 4"', 'Show overview', 'Show help'], DANISH_ANSWER_LABELS),
  c('goal 9e', en(unknown('9e')), ['The contract has no Goal 9e (the goals are 1–10, 9a–9d)'], DANISH_ANSWER_LABELS),
  c('goal 0', en(unknown('0')), ['The contract has no Goal 0'], DANISH_ANSWER_LABELS),
  c('what is the target for goal 11?', en(unknown('11')), ['The contract has no Goal 11'], DANISH_ANSWER_LABELS),
  c('status goals 11 and 12', en(unknown('11')), ['The contract has no Goal 11 (the goals are'], DANISH_ANSWER_LABELS),
  c('tell me a joke', en({ kind: 'not-understood' }), ['I did not understand that – try asking a little differently.', '"status goal 4"', '"next meeting"', 'Show help'], DANISH_ANSWER_LABELS),
  c('what is the weather?', en({ kind: 'not-understood' }), ["I can answer about the status of the contract's goals"], DANISH_ANSWER_LABELS),
  c('status of goal 1 in 2019', en({ ...goal('1'), at: { year: 2019 } }), ['There is no performance contract for 2019. I know the contract year 2021.'], ['Der er ingen', 'kontraktåret']),
  c('overview 2019', en({ kind: 'overview', at: { year: 2019 } }), ['There is no performance contract for 2019.'], ['Der er ingen', 'kontraktåret']),
  c('status goal 4 as of 1 January 2030', en({ ...goal('4'), at: { asOf: '2030-01-01' } }), ['1 January 2030 has not come yet – I can show the status today or for a date that has passed.'], ['ikke kommet endnu', 'januar']),
  c('which deadlines do we have?', en({ kind: 'deadlines' }), ['Deadlines and reporting', 'as of 15 October 2021', 'Upcoming', 'Past', 'running, until 30 November 2021', '(Erhvervsstyrelsen; goals 1, 6)', 'in 77 days', '“Alle medarbejdere uddannet i designtænkning”', 'at the earliest 1 January 2022'], [...DANISH_ANSWER_LABELS, 'Kommende', 'Overståede', 'i gang', 'om 77 dage', 'tidligst']),
  c('what are our deadlines?', en({ kind: 'deadlines' }), ['Deadlines and reporting', '1 September 2021 – 30 November 2021'], [...DANISH_ANSWER_LABELS, 'Kommende']),
  c('what is due before christmas?', en(byDeadline('before-christmas')), ['Deadlines before Christmas (24 December 2021)', '– “fjerde kvartal af 2021” · goal 5 (Erhvervsstyrelsen)', 'goals 1 and 6', 'All deadlines'], [...DANISH_ANSWER_LABELS, 'inden jul', 'Alle frister']),
  c('deadlines this month', en(byDeadline('this-month')), ['Deadlines for the rest of the month (until 31 October 2021)'], [...DANISH_ANSWER_LABELS, 'resten af']),
  c('deadlines next month', en(byDeadline('next-month')), ['Deadlines next month (1 November 2021–30 November 2021)'], [...DANISH_ANSWER_LABELS, 'næste måned']),
  c('what is due this quarter?', en(byDeadline('this-quarter')), ['Deadlines for the rest of the quarter (until 31 December 2021)'], [...DANISH_ANSWER_LABELS, 'kvartalet']),
  c('what is due this year?', en(byDeadline('this-year')), ['Deadlines for the rest of the year (until 31 December 2021)'], [...DANISH_ANSWER_LABELS, 'resten af året']),
  c('deadlines next year', en(byDeadline('next-year')), ['Deadlines in 2022', '“når den kan opgøres efter årets afslutning”'], [...DANISH_ANSWER_LABELS, 'i 2022']),
  c('what does Erhvervsstyrelsen measure?', en(byMeasurer(ENS)), ['Measured by Erhvervsstyrelsen', 'Goal 3 – Kvalitet', '3b – Net Promoter Score (NPS) pr. segment: Erhvervsstyrelsen (the Danish Business Authority), in the user evaluation'], [...DANISH_ANSWER_LABELS, 'Det måler']),
  c('what do we measure ourselves?', en(byMeasurer(['erhvervshuset', 'crm'])), ['Measured by Erhvervshus Sydjylland itself', 'Goal 9a –'], [...DANISH_ANSWER_LABELS, 'Det måler', 'Sydjylland selv']),
  c('what is measured in the CRM?', en(byMeasurer(['crm'])), ['Measured by the CRM system', '1c'], [...DANISH_ANSWER_LABELS, 'CRM-systemet']),
  c('which goals are measured by KL?', en(byMeasurer(['kl-erhvervsstyrelsen'])), ['Measured by KL', 'Goal 6 –'], [...DANISH_ANSWER_LABELS, 'Det måler']),
  c('what is reported by Erhvervsstyrelsen?', en({ kind: 'goal-list', filter: { by: 'reported-by', from: 'Erhvervsstyrelsen' } }), ['Reported by Erhvervsstyrelsen', 'Goal 3 –', 'to KL and Erhvervshusene (every year): “Tilfredshed med medarbejdernes faglige kompetencer og NPS.”', '(once, “fjerde kvartal af 2021”)'], [...DANISH_ANSWER_LABELS, 'Det afrapporterer', 'til KL', 'årligt', 'én gang']),
  c('which goals are reported by Erhvervsstyrelsen?', en({ kind: 'goal-list', filter: { by: 'reported-by', from: 'Erhvervsstyrelsen' } }), ['Reported by Erhvervsstyrelsen'], [...DANISH_ANSWER_LABELS, 'Det afrapporterer']),
  c('the national goals', en(byScope('national')), ['The national goals', 'as of 15 October 2021', 'Goal 1 –', 'Goal 8 –', 'Awaiting measurement'], [...DANISH_ANSWER_LABELS, 'nationale']),
  c('what are the local goals?', en(byScope('local')), ['The local goals', 'Goal 9a –', 'Goal 10 –'], [...DANISH_ANSWER_LABELS, 'lokale']),
  c('hello', en({ kind: 'small-talk' }), ['Hi! I am fine', '"overview"', '"status goal 4"', '"which deadlines do we have?"', 'Show deadlines'], [...DANISH_ANSWER_LABELS, '"oversigt"', '"frister"']),
  c('thank you', en({ kind: 'small-talk' }), ['The three things people ask me most:'], DANISH_ANSWER_LABELS),
  c('what can you do?', en({ kind: 'help' }), ['Målbot – what I can help with', 'Ask in English and I answer in English', 'Show overview'], ['My answers are in Danish', 'Vis oversigt']),
  c('and who measures it?', en(followUp('measured-by')), ['Which goal do you mean? Try e.g. "baseline for goal 6".'], ['Hvilket mål']),
  c('what about the method?', en(followUp('method')), ['Which goal do you mean?'], ['Hvilket mål']),
  // --- the old commands still win where they should
  c('status mål 4', goal('4')),
  c('oversigt', { kind: 'overview' }),
  c('frister', { kind: 'deadlines' }),
  c('næste møde', { kind: 'next-meeting' }),
  c('historik mål 3', { kind: 'history', goalId: '3' }),
  c('udviklingen i NPS', { kind: 'history', goalId: '3' }),
  c('opdater mål 3', { kind: 'update-form', goalId: '3' }),
  c('hjælp', { kind: 'help' }),
  c('påmindelser', { kind: 'reminders' }),
];

const asked = new Set(handWritten.map((r) => r.q));
export const directorCases: readonly DirectorCase[] = [...handWritten, ...[...generatedFacts, ...generatedPairs].filter((r) => !asked.has(r.q))];
