import type { Kpi, Segment } from '../goals/contract-schema';
import type { Language } from './language';
import { ENGLISH_STATUS, type PartNoun, type ReasonKpi, type StatusReason } from './status-types';
import { formatDate, formatKpiLevel, formatMonthShort, formatNumber, formatPercent, formatPoints, formatTarget, formatWindowWhen, primaryBaselineValue, quoted } from './danish-format';

const isDone = (kpi: Pick<Kpi, 'kind'>): boolean => kpi.kind === 'milestone' || kpi.kind === 'duty';
const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The target's number alone, for short segment lines ("under mål 80 %"). */
function targetValueText(kpi: ReasonKpi, language: Language): string {
  const t = kpi.target ?? 0;
  if (kpi.kind === 'pp_change' || kpi.kind === 'effect_vs_control') return formatPoints(t, { signed: true, language });
  return formatKpiLevel(kpi, t, language);
}

/** The reason in Danish: the text every verdict carries as `reason`. */
function danish(why: StatusReason): string {
  switch (why.kind) {
    case 'awaiting':
      return `Afventer ${isDone(why.kpi) ? 'registrering' : 'måling'} for ${formatWindowWhen(why.kpi.window)} (ventes: ${why.kpi.horizon.label})`;
    case 'no-data':
      return isDone(why.kpi) ? `Intet registreret for ${formatWindowWhen(why.kpi.window)}` : `Ingen måling registreret for ${formatWindowWhen(why.kpi.window)}`;
    case 'duty-kept':
      return `Dokumenteret for ${formatWindowWhen(why.kpi.window)} (registreret ${formatDate(why.on)})`;
    case 'duty-broken':
      return `Registreret som ikke overholdt for ${formatWindowWhen(why.kpi.window)} (${formatDate(why.on)})`;
    case 'milestone-reached':
      return `Milepæl nået (registreret ${formatDate(why.on)})`;
    case 'milestone-missed':
      return `Milepæl ikke nået ${formatWindowWhen(why.kpi.window)}`;
    case 'milestone-open': {
      const when = formatWindowWhen(why.kpi.window);
      const days = why.daysLeft;
      if (!why.risk) return `Milepæl ikke nået endnu; ${days} dage tilbage af perioden (${when})`;
      const left = days === 0 ? `sidste dag af perioden (${when}) er i dag` : `kun ${days} ${days === 1 ? 'dag' : 'dage'} tilbage af perioden (${when})`;
      return `Milepæl ikke nået; ${left}`;
    }
    case 'measured': {
      const { kpi } = why;
      const when = formatWindowWhen(kpi.window);
      const month = formatMonthShort(why.measuredOn);
      // "Seneste måling 78 % (sep. 2021) = +10 procentpoint mod baseline 68 %; mål mindst +10 procentpoint".
      const base =
        kpi.kind === 'pp_change'
          ? `Seneste måling ${formatPercent(why.value)} (${month}) = ${formatPoints(why.change ?? 0, { signed: true })} mod baseline ${formatPercent(primaryBaselineValue(kpi) ?? 0)}; mål ${kpi.comparator === 'gt' ? 'over' : 'mindst'} ${targetValueText(kpi, 'da')}`
          : `Seneste måling ${formatKpiLevel(kpi, why.value)} (${month}) mod mål ${formatTarget(kpi)}`;
      if (why.verdict.kind === 'met') return base;
      if (why.verdict.kind === 'window-over') return `${base}; målets periode (${when}) er slut`;
      const gap = why.verdict.gap;
      const gapText = gap <= 0 ? 'på grænsen, skal over målet' : kpi.kind === 'nps' ? `${formatNumber(gap)} point under målet` : kpi.kind === 'count' ? `mangler ${formatNumber(gap)}` : `${formatPoints(gap)} under målet`;
      return `${base} – ${gapText}; periode ${when}`;
    }
    case 'segments':
      return capitalise(
        why.clauses
          .map((c) => {
            if (c.kind === 'none') return `${c.segment}: ingen måling`;
            if (c.kind === 'done') return `${c.segment}: ${c.done ? 'gennemført' : 'ikke gennemført'}`;
            const shown = why.kpi.kind === 'pp_change' ? formatPercent(c.value) : formatKpiLevel(why.kpi, c.value);
            if (c.state === 'met') return `${c.segment}: ${shown} opfyldt`;
            return `${c.segment}: ${shown} ${c.state === 'at-limit' ? 'på grænsen af' : 'under'} mål ${targetValueText(why.kpi, 'da')}`;
          })
          .join('; '),
      );
    case 'parts':
      if (why.met === why.total) return `Alle ${why.total} ${why.noun} opfyldt`;
      return `${why.met} af ${why.total} ${why.noun} opfyldt; ${why.rest.map((p) => `${p.id} ${p.status}`).join(', ')}`;
    case 'no-parts':
      return why.noun === 'delmål' ? 'Målet har ingen delmål med målepunkter i kontrakten' : 'Målet har ingen målepunkter i kontrakten';
  }
}

const SEGMENT_EN: Record<Segment, string> = { drift: 'operations', vækst: 'growth' };
const NOUN_EN: Record<PartNoun, string> = { målepunkter: 'KPIs', delmål: 'sub-goals' };

/** The reason in English; the contract's own words (windows, horizons) quoted as written. */
function english(why: StatusReason): string {
  const language = 'en';
  switch (why.kind) {
    case 'awaiting':
      return `Awaiting ${isDone(why.kpi) ? 'a registration' : 'a measurement'} for ${quoted(formatWindowWhen(why.kpi.window))} (expected: ${quoted(why.kpi.horizon.label)})`;
    case 'no-data':
      return `${isDone(why.kpi) ? 'Nothing' : 'No measurement'} registered for ${quoted(formatWindowWhen(why.kpi.window))}`;
    case 'duty-kept':
      return `Documented for ${quoted(formatWindowWhen(why.kpi.window))} (registered ${formatDate(why.on, language)})`;
    case 'duty-broken':
      return `Registered as not kept for ${quoted(formatWindowWhen(why.kpi.window))} (${formatDate(why.on, language)})`;
    case 'milestone-reached':
      return `Milestone reached (registered ${formatDate(why.on, language)})`;
    case 'milestone-missed':
      return `Milestone not reached (${quoted(formatWindowWhen(why.kpi.window))})`;
    case 'milestone-open': {
      const when = quoted(formatWindowWhen(why.kpi.window));
      const days = why.daysLeft;
      if (!why.risk) return `Milestone not reached yet; ${days} days left of the period (${when})`;
      return `Milestone not reached; ${days === 0 ? `the last day of the period (${when}) is today` : `only ${days} ${days === 1 ? 'day' : 'days'} left of the period (${when})`}`;
    }
    case 'measured': {
      const { kpi } = why;
      const when = quoted(formatWindowWhen(kpi.window));
      const month = formatMonthShort(why.measuredOn, language);
      const base =
        kpi.kind === 'pp_change'
          ? `Latest measurement ${formatPercent(why.value, { language })} (${month}) = ${formatPoints(why.change ?? 0, { signed: true, language })} on baseline ${formatPercent(primaryBaselineValue(kpi) ?? 0, { language })}; target ${kpi.comparator === 'gt' ? 'above' : 'at least'} ${targetValueText(kpi, language)}`
          : `Latest measurement ${formatKpiLevel(kpi, why.value, language)} (${month}) against target ${formatTarget(kpi, language)}`;
      if (why.verdict.kind === 'met') return base;
      if (why.verdict.kind === 'window-over') return `${base}; the target's period (${when}) is over`;
      const gap = why.verdict.gap;
      const gapText =
        gap <= 0 ? 'at the limit, must be above the target' : kpi.kind === 'nps' ? `${formatNumber(gap, { language })} points below the target` : kpi.kind === 'count' ? `${formatNumber(gap, { language })} short` : `${formatPoints(gap, { language })} below the target`;
      return `${base} – ${gapText}; period ${when}`;
    }
    case 'segments':
      return capitalise(
        why.clauses
          .map((c) => {
            const name = SEGMENT_EN[c.segment];
            if (c.kind === 'none') return `${name}: no measurement`;
            if (c.kind === 'done') return `${name}: ${c.done ? 'completed' : 'not completed'}`;
            const shown = why.kpi.kind === 'pp_change' ? formatPercent(c.value, { language }) : formatKpiLevel(why.kpi, c.value, language);
            if (c.state === 'met') return `${name}: ${shown} met`;
            return `${name}: ${shown} ${c.state === 'at-limit' ? 'at the limit of' : 'below'} target ${targetValueText(why.kpi, language)}`;
          })
          .join('; '),
      );
    case 'parts':
      if (why.met === why.total) return `All ${why.total} ${NOUN_EN[why.noun]} met`;
      return `${why.met} of ${why.total} ${NOUN_EN[why.noun]} met; ${why.rest.map((p) => `${p.id} ${ENGLISH_STATUS[p.status]}`).join(', ')}`;
    case 'no-parts':
      return why.noun === 'delmål' ? 'The contract sets no sub-goals with KPIs for this goal' : 'The contract sets no KPIs for this goal';
  }
}

/**
 * A verdict's reason (core/status-types.ts StatusReason) in words: Danish (the text every verdict's
 * `reason` holds) or English.
 */
export function statusReasonText(why: StatusReason, language: Language = 'da'): string {
  return language === 'en' ? english(why) : danish(why);
}
