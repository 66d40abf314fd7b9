import { z } from 'zod';
import type { ContractBook } from '../../../goals/contract-book';
import type { ContractData, Goal } from '../../../goals/contract-schema';
import { findGoal } from '../../../goals/contract-queries';
import type { AccessPolicy } from '../../../core/access/access-policy';
import { CARD_VERBS } from '../../../core/card-verbs';
import { cardVerbHandler, type CardActionResult } from '../../../core/ports/card-action';
import type { ExplanationStore } from '../../../core/ports/explanation-store';
import type { MeasurementStore } from '../../../core/ports/measurement-store';
import { cardReply } from '../../../core/reply';
import type { TurnInfo } from '../../../core/turn-info';
import { mayRecord } from '../../measurements/form/may-record';
import { judgeGoal } from '../../status/goal-status-view';
import { contractStatusRows } from '../../status/status-rows';
import { explanationFormCard, explanationSavedCard } from './explanation-form-card';
import { cleanExplanation, explanationProblem } from './explanation-text';

export interface ExplanationDeps {
  contracts: ContractBook;
  /** The contract in force today (read per use). */
  readonly contract: ContractData;
  store: MeasurementStore;
  explanations: ExplanationStore;
  access: AccessPolicy;
  today: () => string;
  timeZone: string;
  newSubmissionId: () => string;
  /** The clock the explanation's time comes from (the app's, like measurements' forms). */
  now: () => Date;
}

const REFUSED: CardActionResult = { kind: 'text', text: 'Forklaringer til afrapporteringen skrives af de medarbejdere, der indberetter målinger. Bed en af dem om at skrive den.' };
const STALE: CardActionResult = { kind: 'error', statusCode: 400, message: 'Kortet er forældet: det mål findes ikke i kontrakten. Hent status igen, fx «status mål 4».' };

const openData = z.looseObject({ goalId: z.string().max(20) });
const submitData = z.looseObject({ goalId: z.string().max(20), contractId: z.string().max(100), submissionId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/), explanation: z.unknown() });

async function verdictLine(deps: ExplanationDeps, contract: ContractData, goalId: string): Promise<string> {
  const goal = findGoal(contract, goalId)!;
  const today = deps.today();
  const status = judgeGoal(contract, goal, (await contractStatusRows(deps.store, contract, today)).rows, today);
  return `${status.status} – ${status.reason}`;
}

async function current(deps: ExplanationDeps, contractId: string, goalId: string) {
  return (await deps.explanations.latestExplanations(contractId)).find((e) => e.goalId === goalId);
}

/** The form for one goal's explanation, fresh or coming back with what was typed and why it was refused. */
async function formReply(deps: ExplanationDeps, contract: ContractData, goal: Goal, submissionId: string, refused?: { typed: string; error: string }): Promise<CardActionResult> {
  return cardReply(
    explanationFormCard({
      goal,
      contractId: contract.id,
      contractYear: contract.year,
      verdict: await verdictLine(deps, contract, goal.id),
      current: await current(deps, contract.id, goal.id),
      submissionId,
      timeZone: deps.timeZone,
      ...refused,
    }),
  );
}

const OFF: CardActionResult = { kind: 'text', text: 'Forklaringer er ikke slået til i denne installation af Målbot.' };

function writer(turn: TurnInfo): string {
  return turn.user.aadObjectId ?? turn.user.upn ?? turn.user.id;
}

/** The explanation form's verbs: open it from the status card, save a new version. Both check the role here, whatever the card said. */
export function explanationCardActions(deps: ExplanationDeps | undefined) {
  return {
    /** { goalId } ("Skriv forklaring"): the form replaces the status card. */
    [CARD_VERBS.openExplanationForm]: cardVerbHandler(openData, async ({ goalId }, request) => {
      if (deps === undefined) return OFF;
      if (mayRecord(deps, request.turn) === 'no') return REFUSED;
      const contract = deps.contract;
      const goal = findGoal(contract, goalId);
      if (goal === undefined) return STALE;
      return formReply(deps, contract, goal, deps.newSubmissionId());
    }),
    /** { goalId, contractId, submissionId, explanation }: validated on the server; a replay stores nothing more. */
    [CARD_VERBS.submitExplanation]: cardVerbHandler(submitData, async (data, request) => {
      if (deps === undefined) return OFF;
      if (mayRecord(deps, request.turn) !== 'yes') return REFUSED;
      const contract = deps.contracts.byId(data.contractId);
      const goal = contract === undefined ? undefined : findGoal(contract, data.goalId);
      if (contract === undefined || goal === undefined) return STALE;
      const typed = typeof data.explanation === 'string' ? data.explanation : '';
      const text = cleanExplanation(typed);
      const problem = explanationProblem(text);
      if (problem !== undefined) return formReply(deps, contract, goal, data.submissionId, { typed: text, error: problem });
      const stored = await deps.explanations.appendExplanation({
        contractId: contract.id,
        goalId: goal.id,
        text,
        recordedBy: writer(request.turn),
        recordedByName: request.turn.user.name ?? null,
        submissionId: data.submissionId,
        recordedAt: deps.now().toISOString(),
      });
      const history = await deps.explanations.explanationHistory(contract.id, goal.id);
      const versions = history.filter((e) => e.id <= stored.id).length;
      return cardReply(explanationSavedCard(goal, { ...stored, versions }, deps.timeZone), `Forklaring for mål ${goal.id} gemt`);
    }),
  };
}
