import assert from 'node:assert/strict';
import type { ContractData, Goal, Kpi, ReportingObligation } from '../../goals/contract-schema';
import { findGoal, findKpi } from '../../goals/contract-queries';
import { defaultContractPath } from '../../goals/default-contract';
import { loadContract } from '../../goals/load-contract';

/**
 * Facts read by hand from the contract text
 * (../shared/contract/resultatkontrakt-2021-kkr-syddanmark-erhvervshus-sydjylland.md),
 * each asserted against the data file. If the YAML drifts from the contract, one line here fails.
 */

function kpi(c: ContractData, id: string): Kpi {
  const hit = findKpi(c, id);
  assert.ok(hit, `KPI ${id} mangler`);
  return hit.kpi;
}
function goal(c: ContractData, id: string): Goal {
  const g = findGoal(c, id);
  assert.ok(g, `mål ${id} mangler`);
  return g;
}
/** "from → to, to (frequency[, when label])", easy to compare with the contract's sentences. */
const line = (r: ReportingObligation): string =>
  `${r.from} → ${r.to.join(', ')} (${r.frequency ?? 'ingen frekvens i kontrakten'}${r.when ? `, ${r.when.label} ${r.when.date}` : ''})`;
const lines = (c: ContractData, goalId: string): string[] => goal(c, goalId).reporting.map(line);
const target = (c: ContractData, id: string) => {
  const k = kpi(c, id);
  return { kind: k.kind, comparator: k.comparator, target: k.target };
};
const baselines = (c: ContractData, id: string) =>
  kpi(c, id).baselines.map((b) => `${b.scope} ${b.value} ${b.label} ${b.measuredOn}${b.primary ? ' primær' : ''}`);
/** The evaluation window: "label from..to". */
const due = (c: ContractData, id: string) => `${kpi(c, id).window.label} ${kpi(c, id).window.from}..${kpi(c, id).window.to}`;
/** The reporting horizon: "label date". */
const horizon = (c: ContractData, id: string) => `${kpi(c, id).horizon.label} ${kpi(c, id).horizon.date}`;
const deadline = (c: ContractData, id: string) => {
  const d = c.deadlines.find((x) => x.id === id);
  assert.ok(d, `frist ${id} mangler`);
  return `${d.from}..${d.to} [${d.goalIds.join(',')}] ${d.label}`;
};

interface Fact {
  fact: string;
  actual: (c: ContractData) => unknown;
  expected: unknown;
}

const ES = 'Erhvervsstyrelsen';
const HUS = 'Erhvervshus Sydjylland';

const facts: Fact[] = [
  // ---- the contract as a whole
  { fact: 'kontrakt-id', actual: (c) => c.id, expected: 'kkr-syddanmark-sydjylland-2021' },
  { fact: 'parterne er KKR Syddanmark og Erhvervshus Sydjylland', actual: (c) => [c.parties.principal, c.parties.house, c.parties.shortHouseName], expected: ['KKR Syddanmark', HUS, 'Sydjylland'] },
  { fact: 'kontraktåret er 2021', actual: (c) => c.year, expected: 2021 },
  { fact: 'underskrevet den 8/3 2021', actual: (c) => c.signedOn, expected: '2021-03-08' },
  { fact: 'træder i kraft d. 1 januar 2021', actual: (c) => c.validFrom, expected: '2021-01-01' },
  { fact: '1-årig periode: gælder til 31/12-2021', actual: (c) => c.validTo, expected: '2021-12-31' },
  { fact: 'kan forlænges med 1 år ad gangen', actual: (c) => c.extension.includes('kan forlænges med 1 år ad gangen'), expected: true },
  { fact: 'Direktøren har ansvaret', actual: (c) => c.responsible, expected: 'Direktøren for Erhvervshus Sydjylland' },
  { fact: '34 medarbejdere per 1. januar 2021', actual: (c) => c.staffCount, expected: { value: 34, asOf: '2021-01-01' } },
  { fact: 'de 13 sydjyske kommuner', actual: (c) => c.municipalities.count, expected: 13 },
  { fact: '13 kommunenavne, inkl. Middelfart', actual: (c) => [c.municipalities.names.length, c.municipalities.names.includes('Middelfart')], expected: [13, true] },
  { fact: 'kommunenavnene er markeret som ikke fra kontraktteksten', actual: (c) => c.municipalities.namesSource.includes('står ikke i kontraktteksten'), expected: true },
  { fact: 'de 3 business regions', actual: (c) => c.businessRegions, expected: 3 },
  { fact: 'direktørerne mødes hver 14. dag', actual: (c) => c.meeting.intervalDays, expected: 14 },
  { fact: 'mødeteksten citerer "pt. hver 14. dag"', actual: (c) => c.meeting.text.includes('mødes løbende (pt. hver 14. dag)'), expected: true },
  {
    fact: 'mødets deltagere: huset, de 13 lokale erhvervsservices og de 3 business regions',
    actual: (c) => c.meeting.participants,
    expected: ['Direktøren for Erhvervshus Sydjylland', 'Direktørerne for de 13 lokale erhvervsservices', 'Direktørerne for de 3 business regions'],
  },

  // ---- contract-level reporting
  {
    fact: 'afrapportering på kontraktniveau: indsendes, løbende, på anmodning, endelig, årligt',
    actual: (c) => c.reporting.map(line),
    expected: [
      `${HUS} → KL, ${ES} (once)`,
      `${HUS} → KKR Syddanmark (continuous)`,
      `${HUS} → KKR Syddanmark (on-request)`,
      `${HUS} → KKR Syddanmark (once)`,
      `${HUS} → KL, ${ES} (annual)`,
    ],
  },
  { fact: 'status til KKR løbende og minimum årligt', actual: (c) => c.reporting[1]?.about.includes('minimum årligt'), expected: true },
  { fact: 'endelig resultatopfyldelse efter årets afslutning', actual: (c) => c.reporting[3]?.about.includes('efter årets afslutning'), expected: true },

  // ---- deadlines
  { fact: 'i kraft 1/1-2021', actual: (c) => deadline(c, 'kontrakt-i-kraft'), expected: '2021-01-01..2021-01-01 [] d. 1 januar 2021' },
  { fact: 'Erhvervsstyrelsens spørgeskema i tredje kvartal 2021 (mål 1, 5, 6)', actual: (c) => deadline(c, 'ens-spoergeskema-q3-2021'), expected: '2021-07-01..2021-09-30 [1,5,6] tredje kvartal 2021' },
  { fact: 'Erhvervsstyrelsen afrapporterer mål 5 i fjerde kvartal 2021', actual: (c) => deadline(c, 'ens-afrapportering-maal5-q4-2021'), expected: '2021-10-01..2021-12-31 [5] fjerde kvartal af 2021' },
  { fact: 'kendskab afrapporteres i efteråret 2021 (mål 1, 6)', actual: (c) => deadline(c, 'kendskab-efteraar-2021'), expected: '2021-09-01..2021-11-30 [1,6] efteråret 2021' },
  { fact: 'kendskab afrapporteres i 2023 (mål 1, 6)', actual: (c) => deadline(c, 'kendskab-2023'), expected: '2023-01-01..2023-12-31 [1,6] 2023' },
  { fact: 'uddannelse i designtænkning senest 31/12-2021', actual: (c) => deadline(c, 'designtaenkning-uddannelse-2021'), expected: '2021-12-31..2021-12-31 [9c] senest 31/12-2021' },
  {
    fact: 'endelig afrapportering til KKR "når denne kan opgøres efter årets afslutning" — uden dato, tidligst 1/1-2022',
    actual: (c) => [deadline(c, 'endelig-afrapportering-kkr-2021'), c.deadlines.find((d) => d.id === 'endelig-afrapportering-kkr-2021')?.undated],
    expected: ['2022-01-01..2022-01-01 [] når den kan opgøres efter årets afslutning', true],
  },

  // ---- goals: titles exactly as the contract
  { fact: 'mål 1 titel', actual: (c) => goal(c, '1').title, expected: 'Virksomhedernes kendskab til erhvervshusene' },
  { fact: 'mål 2 titel', actual: (c) => goal(c, '2').title, expected: 'Bred geografisk spredning' },
  { fact: 'mål 3 titel', actual: (c) => goal(c, '3').title, expected: 'Kvalitet, kompetencer og virksomhedernes tilfredshed' },
  { fact: 'mål 4 titel', actual: (c) => goal(c, '4').title, expected: 'Erhvervshusenes knudepunktsfunktion' },
  { fact: 'mål 5 titel', actual: (c) => goal(c, '5').title, expected: 'Erhvervshusenes kriseberedskab' },
  { fact: 'mål 6 titel', actual: (c) => goal(c, '6').title, expected: 'Grøn omstilling og cirkulær økonomi' },
  { fact: 'mål 7 titel', actual: (c) => goal(c, '7').title, expected: 'Effekt i virksomhederne' },
  { fact: 'mål 8 titel', actual: (c) => goal(c, '8').title, expected: 'Digitalisering og nye teknologier' },
  { fact: 'mål 9 titel', actual: (c) => goal(c, '9').title, expected: 'Regional strategi – de 5 ledestjerner' },
  { fact: 'mål 10 titel', actual: (c) => goal(c, '10').title, expected: 'Samarbejde med de nationale klynger' },
  { fact: 'mål 1–8 er nationale', actual: (c) => ['1', '2', '3', '4', '5', '6', '7', '8'].map((id) => goal(c, id).scope), expected: Array(8).fill('national') },
  { fact: 'mål 9, 9a–9d og 10 er lokale', actual: (c) => ['9', '9a', '9b', '9c', '9d', '10'].map((id) => goal(c, id).scope), expected: Array(6).fill('local') },
  { fact: '9a–9d hører under mål 9', actual: (c) => ['9a', '9b', '9c', '9d'].map((id) => goal(c, id).parentId), expected: ['9', '9', '9', '9'] },
  { fact: 'mål 3: kontraktens "2020-2023" står som skrevet, med rettelsen noteret', actual: (c) => [goal(c, '3').purpose.includes('2020-2023'), goal(c, '3').textNotes.map((n) => n.writtenAs)], expected: [true, ['rammeaftalen mellem KL og Erhvervsministeriet for 2020-2023']] },
  { fact: 'mål 7: kontraktens "Erhvervshus Syddanmark" står som skrevet, med rettelsen noteret', actual: (c) => goal(c, '7').textNotes.map((n) => n.writtenAs), expected: ['Erhvervshus Syddanmark afrapporterer årligt til KKR Syddanmark.'] },

  // ---- KPIs: targets and comparators
  { fact: '1a: kendskab ≥ 37 pct.', actual: (c) => target(c, '1a'), expected: { kind: 'share', comparator: 'gte', target: 37 } },
  { fact: '1a: baselines Sydjylland 32 (primær) og landsplan 33, september 2020', actual: (c) => baselines(c, '1a'), expected: ['Sydjylland 32 september 2020 2020-09-30 primær', 'landsplan 33 september 2020 2020-09-30'] },
  { fact: '1a: vinduet efteråret 2021, med spørgeskemaet i tredje kvartal (fortolket)', actual: (c) => [due(c, '1a'), kpi(c, '1a').interpreted], expected: ['efteråret 2021 2021-07-01..2021-11-30', ['window', 'horizon']] },
  { fact: '1a: Erhvervsstyrelsen afrapporterer i efteråret 2021 (dato fortolket som årets afslutning)', actual: (c) => horizon(c, '1a'), expected: 'efteråret 2021 (Erhvervsstyrelsens afrapportering) 2021-12-31' },
  { fact: '1a: +5 procentpoint-reglen står i måltekst', actual: (c) => kpi(c, '1a').targetText.includes('steget med 5 procentpoint'), expected: true },
  { fact: '1a: opgøres af Erhvervsstyrelsens spørgeskema', actual: (c) => kpi(c, '1a').measuredBy, expected: 'erhvervsstyrelsen-survey' },
  { fact: '1a: metoden nævner tredje kvartal 2021', actual: (c) => kpi(c, '1a').method.includes('i tredje kvartal 2021'), expected: true },
  { fact: '1b: kendskabsgrad ≥ 50 pct.', actual: (c) => target(c, '1b'), expected: { kind: 'share', comparator: 'gte', target: 50 } },
  { fact: '1b: i 2023', actual: (c) => [due(c, '1b'), horizon(c, '1b'), kpi(c, '1b').interpreted], expected: ['I 2023 2023-01-01..2023-12-31', '2023 (Erhvervsstyrelsens afrapportering) 2023-12-31', []] },
  { fact: '1c: kontraktåret 2021, kan opgøres efter årets afslutning', actual: (c) => [due(c, '1c'), horizon(c, '1c')], expected: ['2021 (kontraktåret) 2021-01-01..2021-12-31', 'efter årets afslutning 2021-12-31'] },
  { fact: '1c: ≥ 50 pct. nye vejledte virksomheder', actual: (c) => target(c, '1c'), expected: { kind: 'share', comparator: 'gte', target: 50 } },
  { fact: '1c: årligt, fra CRM', actual: (c) => [kpi(c, '1c').recurrence, kpi(c, '1c').measuredBy], expected: ['annual', 'crm'] },
  { fact: '2a: geografisk spredning er en løbende forpligtelse uden talværdi', actual: (c) => target(c, '2a'), expected: { kind: 'duty', comparator: 'done', target: null } },
  { fact: '2a: kontraktåret; afrapportering en gang årligt', actual: (c) => [due(c, '2a'), horizon(c, '2a')], expected: ['2021 (kontraktåret) 2021-01-01..2021-12-31', 'en gang årligt (afrapportering til KKR Syddanmark, KL og Erhvervsstyrelsen) 2021-12-31'] },
  { fact: '2a: fastsættes nærmere under de lokale mål', actual: (c) => kpi(c, '2a').method, expected: 'Målet fastsættes nærmere under de lokale mål.' },
  { fact: '3a: ≥ 80 pct. "Meget tilfredse"', actual: (c) => target(c, '3a'), expected: { kind: 'share', comparator: 'gte', target: 80 } },
  { fact: '3a: pr. drifts- og vækstsegment', actual: (c) => kpi(c, '3a').segments, expected: ['drift', 'vækst'] },
  { fact: '3a: opgøres i brugerevalueringen', actual: (c) => kpi(c, '3a').measuredBy, expected: 'brugerevaluering' },
  { fact: '3b: NPS ≥ 70', actual: (c) => target(c, '3b'), expected: { kind: 'nps', comparator: 'gte', target: 70 } },
  { fact: '3b: hvert år, pr. segment', actual: (c) => [kpi(c, '3b').recurrence, kpi(c, '3b').segments], expected: ['annual', ['drift', 'vækst']] },
  { fact: '4a: ≥ 45 pct. har benyttet henvisningen', actual: (c) => target(c, '4a'), expected: { kind: 'share', comparator: 'gte', target: 45 } },
  { fact: '4a: i 2021', actual: (c) => due(c, '4a'), expected: 'I 2021 2021-01-01..2021-12-31' },
  { fact: '3a, 3b, 4a, 7a, 8a: Erhvervsstyrelsen afrapporterer en gang årligt (dato fortolket)', actual: (c) => ['3a', '3b', '4a', '7a', '8a'].map((id) => [horizon(c, id), kpi(c, id).interpreted.includes('horizon')]), expected: Array(5).fill(['en gang årligt (Erhvervsstyrelsens afrapportering) 2021-12-31', true]) },
  { fact: '3a: ingen periode i kontrakten, læst som kontraktåret (fortolket)', actual: (c) => [due(c, '3a'), kpi(c, '3a').interpreted.includes('window')], expected: ['en gang årligt (kontraktåret 2021) 2021-01-01..2021-12-31', true] },
  { fact: '4a: brugerevaluering', actual: (c) => kpi(c, '4a').measuredBy, expected: 'brugerevaluering' },
  { fact: '5a: kriseberedskab er en løbende forpligtelse i 2021', actual: (c) => [target(c, '5a'), due(c, '5a')], expected: [{ kind: 'duty', comparator: 'done', target: null }, 'i 2021 2021-01-01..2021-12-31'] },
  { fact: '5b: Erhvervsstyrelsen afrapporterer i fjerde kvartal af 2021', actual: (c) => horizon(c, '5b'), expected: 'fjerde kvartal af 2021 (Erhvervsstyrelsens afrapportering) 2021-12-31' },
  { fact: '5b: "75 pct." uden "mindst" er fortolket', actual: (c) => kpi(c, '5b').interpreted, expected: ['target'] },
  { fact: '5b: 75 pct. positiv effekt af corona-vejledning', actual: (c) => target(c, '5b'), expected: { kind: 'share', comparator: 'gte', target: 75 } },
  { fact: '5b: Erhvervsstyrelsens spørgeskema', actual: (c) => kpi(c, '5b').measuredBy, expected: 'erhvervsstyrelsen-survey' },
  { fact: '6a: fælles dialogværktøj er en milepæl, opgjort af KL og Erhvervsstyrelsen', actual: (c) => [kpi(c, '6a').kind, kpi(c, '6a').measuredBy], expected: ['milestone', 'kl-erhvervsstyrelsen'] },
  { fact: '6b: kendskab til grønne ydelser ≥ 73 pct.', actual: (c) => target(c, '6b'), expected: { kind: 'share', comparator: 'gte', target: 73 } },
  { fact: '6b: baselines Sydjylland 68 (primær) og landsplan 61, september 2020', actual: (c) => baselines(c, '6b'), expected: ['Sydjylland 68 september 2020 2020-09-30 primær', 'landsplan 61 september 2020 2020-09-30'] },
  { fact: '6b: efteråret 2021 (vindue fortolket som 1a)', actual: (c) => [due(c, '6b'), kpi(c, '6b').interpreted], expected: ['efteråret 2021 2021-07-01..2021-11-30', ['window', 'horizon']] },
  { fact: '6c: i alt +10 procentpoint mod 68 pct. i 2023', actual: (c) => [target(c, '6c'), due(c, '6c'), kpi(c, '6c').baselines.find((b) => b.primary)?.value], expected: [{ kind: 'pp_change', comparator: 'gte', target: 10 }, 'I 2023 2023-01-01..2023-12-31', 68] },
  { fact: '6c: fortolkningen forklarer 5 + 5 procentpoint', actual: (c) => kpi(c, '6c').interpretation?.includes('10'), expected: true },
  { fact: '7a: 65 pct. "I høj grad"', actual: (c) => target(c, '7a'), expected: { kind: 'share', comparator: 'gte', target: 65 } },
  { fact: '7b: vækstsegment, omsætning ≥ 10 procentpoint over kontrolgruppe', actual: (c) => [target(c, '7b'), kpi(c, '7b').segments], expected: [{ kind: 'effect_vs_control', comparator: 'gte', target: 10 }, ['vækst']] },
  { fact: '7c: vækstsegment, beskæftigelse ≥ 5 procentpoint over kontrolgruppe', actual: (c) => [target(c, '7c'), kpi(c, '7c').segments], expected: [{ kind: 'effect_vs_control', comparator: 'gte', target: 5 }, ['vækst']] },
  { fact: '7d: driftssegment, produktivitet større end kontrolgruppens', actual: (c) => [target(c, '7d'), kpi(c, '7d').segments], expected: [{ kind: 'effect_vs_control', comparator: 'gt', target: 0 }, ['drift']] },
  { fact: '7b–7d: to år efter endt vejledning — ingen dato i kontrakten; 2023 er fortolket', actual: (c) => ['7b', '7c', '7d'].map((id) => [due(c, id), horizon(c, id), kpi(c, id).interpreted.includes('window') && kpi(c, id).interpreted.includes('horizon')]), expected: Array(3).fill(['to år efter endt vejledning 2023-01-01..2023-12-31', 'to år efter endt vejledning 2023-12-31', true]) },
  { fact: '7d: omsætning per årsværk', actual: (c) => kpi(c, '7d').method.includes('omsætning per årsværk'), expected: true },
  { fact: '8a: 70 pct. "I høj grad" blandt digitaliseringsvejledte', actual: (c) => target(c, '8a'), expected: { kind: 'share', comparator: 'gte', target: 70 } },
  { fact: '8a: i 2021, brugerevaluering', actual: (c) => [due(c, '8a'), kpi(c, '8a').measuredBy], expected: ['I 2021 2021-01-01..2021-12-31', 'brugerevaluering'] },
  { fact: '9a: 3 selvstyrende teams', actual: (c) => [target(c, '9a'), kpi(c, '9a').unit], expected: [{ kind: 'count', comparator: 'gte', target: 3 }, 'selvstyrende teams'] },
  { fact: '9b: koordinator for Kompetent arbejdskraft er en milepæl', actual: (c) => target(c, '9b'), expected: { kind: 'milestone', comparator: 'done', target: null } },
  { fact: '9c: uddannelse i designtænkning senest 31/12-2021', actual: (c) => [target(c, '9c'), due(c, '9c')], expected: [{ kind: 'milestone', comparator: 'done', target: null }, 'senest 31/12-2021 2021-01-01..2021-12-31'] },
  { fact: '9d: 13 hensigtserklæringer om året — tallet er fortolket (kontrakten: "hver af de 13 kommuner")', actual: (c) => [target(c, '9d'), kpi(c, '9d').recurrence, kpi(c, '9d').unit, kpi(c, '9d').interpreted.includes('target')], expected: [{ kind: 'count', comparator: 'gte', target: 13 }, 'annual', 'hensigtserklæringer', true] },
  { fact: '9a, 9b: målsætningen for 2021', actual: (c) => ['9a', '9b'].map((id) => due(c, id)), expected: Array(2).fill('2021 (målsætningen for 2021) 2021-01-01..2021-12-31') },
  { fact: '9d: key account og arbejdsdage hos LES min. en gang i måneden', actual: (c) => kpi(c, '9d').method.includes('arbejdsdage lokalt hos LES min. en gang i måneden'), expected: true },
  { fact: '10a: samarbejdsaftaler med alle nationale klynger i 2021', actual: (c) => [target(c, '10a'), due(c, '10a')], expected: [{ kind: 'milestone', comparator: 'done', target: null }, 'I 2021 2021-01-01..2021-12-31'] },
  {
    fact: 'alle KPI-id’er i kontraktens rækkefølge',
    actual: (c) => c.goals.flatMap((g) => g.kpis.map((k) => k.id)),
    expected: ['1a', '1b', '1c', '2a', '3a', '3b', '4a', '5a', '5b', '6a', '6b', '6c', '7a', '7b', '7c', '7d', '8a', '9a', '9b', '9c', '9d', '10a'],
  },

  // ---- reporting lines per goal
  {
    fact: 'mål 1: ES → husene og KL om kendskab (efterår 2021, 2023), ES årligt om nye, huset → KKR (ingen frekvens)',
    actual: (c) => lines(c, '1'),
    expected: [
      `${ES} → Erhvervshusene, KL (once, efteråret 2021 2021-11-30)`,
      `${ES} → Erhvervshusene, KL (once, 2023 2023-12-31)`,
      `${ES} → KL, Erhvervshusene (annual)`,
      `${HUS} → KKR Syddanmark (ingen frekvens i kontrakten)`,
    ],
  },
  { fact: 'mål 2: huset → KKR, KL og ES en gang årligt', actual: (c) => lines(c, '2'), expected: [`${HUS} → KKR Syddanmark, KL, ${ES} (annual)`] },
  { fact: 'mål 3: ES → KL og husene årligt; huset → KKR årligt', actual: (c) => lines(c, '3'), expected: [`${ES} → KL, Erhvervshusene (annual)`, `${HUS} → KKR Syddanmark (annual)`] },
  { fact: 'mål 4: ES → KL og husene årligt; huset → KKR årligt', actual: (c) => lines(c, '4'), expected: [`${ES} → KL, Erhvervshusene (annual)`, `${HUS} → KKR Syddanmark (annual)`] },
  {
    fact: 'mål 5: huset → ES og KL om kriseberedskab; ES → KL og husene i fjerde kvartal 2021',
    actual: (c) => lines(c, '5'),
    expected: [`${HUS} → ${ES}, KL (ingen frekvens i kontrakten)`, `${ES} → KL, Erhvervshusene (once, fjerde kvartal af 2021 2021-12-31)`],
  },
  {
    fact: 'mål 6: huset → KKR om dialogværktøj; ES → KL og husene om kendskab 2021 og 2023; huset → KKR',
    actual: (c) => lines(c, '6'),
    expected: [
      `${HUS} → KKR Syddanmark (ingen frekvens i kontrakten)`,
      `${ES} → KL, Erhvervshusene (once, 2021 2021-12-31)`,
      `${ES} → KL, Erhvervshusene (once, 2023 2023-12-31)`,
      `${HUS} → KKR Syddanmark (ingen frekvens i kontrakten)`,
    ],
  },
  { fact: 'mål 7: huset (kontraktens "Syddanmark" er en skrivefejl) → KKR årligt', actual: (c) => lines(c, '7'), expected: [`${ES} → KL, Erhvervshusene (annual)`, `${HUS} → KKR Syddanmark (annual)`] },
  { fact: 'mål 8: ES → KL og husene årligt; huset → KKR årligt', actual: (c) => lines(c, '8'), expected: [`${ES} → KL, Erhvervshusene (annual)`, `${HUS} → KKR Syddanmark (annual)`] },
  { fact: 'mål 9 og 9a–9d: huset → KKR årligt', actual: (c) => ['9', '9a', '9b', '9c', '9d'].map((id) => lines(c, id)), expected: Array(5).fill([`${HUS} → KKR Syddanmark (annual)`]) },
  { fact: 'mål 10: huset → KKR årligt', actual: (c) => lines(c, '10'), expected: [`${HUS} → KKR Syddanmark (annual)`] },
];

describe('goals: the 2021 contract data matches the contract text', () => {
  let contract: ContractData;
  before(() => {
    contract = loadContract(defaultContractPath());
  });

  it('has at least 60 facts in the table', () => {
    assert.ok(facts.length >= 60, `kun ${facts.length} fakta`);
  });

  for (const f of facts) {
    it(f.fact, () => {
      assert.deepEqual(f.actual(contract), f.expected);
    });
  }
});
