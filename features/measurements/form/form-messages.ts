import type { ContractData } from '../../../goals/contract-schema';

/**
 * The short Danish messages of the form flow. They are shown as a message, never as a card that
 * replaces the form: in a channel the form is shared, and a refusal for one person must not
 * take it away from the others.
 */
export const formMessages = {
  // The object id is what an administrator adds (STAFF_USERS or a STAFF_GROUP_IDS group); echoed only when GUID-shaped.
  notStaff: (contract: ContractData, objectId?: string): string =>
    `Beklager – kun medarbejdere i ${contract.parties.house} med indberetningsret kan gemme eller rette målinger. ` +
    'Du kan stadig se status og historik. Kontakt botens administrator, hvis du skal have adgang.' +
    (objectId !== undefined && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(objectId) ? ` Administratoren skal bruge dit Entra-objekt-id: ${objectId}.` : ''),
  // The id comes from a card payload, which a forger controls, and Teams renders markdown and some
  // HTML in messages: it is echoed only when it looks like a goal id (an object, array or number never is).
  unknownGoal: (goalId: unknown): string =>
    `${typeof goalId === 'string' && /^\d{1,3}[a-z]?$/i.test(goalId) ? `Mål «${goalId}»` : 'Det mål'} findes ikke i kontrakten. Skriv «oversigt» for at se målene.`,
  noKpis: (goalId: string): string => `Mål ${goalId} har ingen målepunkter, der kan indberettes. Skriv «status mål ${goalId}» for detaljer.`,
  staleForm: (goalId: string): string =>
    `Formularen mangler sit indsendelses-id eller er beskadiget, så intet er gemt. Hent en ny med «opdater mål ${goalId}».`,
  unknownMeasurement: (): string => 'Den måling findes ikke (længere) i denne kontrakt. Skriv «historik mål …» for at se målingerne.',
  measurementOfOtherGoal: (goalId: string): string => `Målingen hører ikke til mål ${goalId}. Åbn rettelsen fra historikken for det rigtige mål.`,
  // The store refused the write (its file was deleted or replaced, the disk is full or read-only):
  // say plainly that nothing was saved, so nobody relies on a confirmation a restart would undo.
  notSaved: (reference: string): string =>
    `Målingen er IKKE gemt: databasen kan ikke gemme sikkert lige nu. Driften har fået besked – prøv igen senere. (Reference: ${reference})`,
  alreadyCorrected: (byId: number | undefined): string =>
    `Målingen er allerede rettet${byId !== undefined ? ` (af måling nr. ${byId})` : ''}, så din rettelse er ikke gemt. ` +
    'Hent historikken igen, og ret den nyeste version.',
};
