import type { Reply } from '../reply';
import type { TurnInfo } from '../turn-info';

/** Text in, reply out; `intent` is the kind of intent the text was read as, for the turn log. */
export type QuestionAnswerer = (text: string, turn: TurnInfo) => Promise<{ reply: Reply; intent: string }>;
