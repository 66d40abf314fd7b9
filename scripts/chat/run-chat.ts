import { createInterface } from 'node:readline';
import { ChatClient, ChatError, type ChatButton, type ChatClientOptions } from './chat-client';
import { inputProblem, normalizeInputValue, type CardInput } from './card-inputs';

export interface RunChatOptions extends ChatClientOptions {
  /** Lines to send in order, then exit (scripted). Undefined: an interactive session on `input`. */
  script: readonly string[] | undefined;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

export const CHAT_HELP = [
  'Skriv et spørgsmål og tryk Enter, fx "status mål 4", "oversigt" eller "hjælp".',
  'Knapper på kort har numre: skriv /1 for at trykke på [1]. Har kortet felter, spørger jeg om dem;',
  'du kan også give dem med: /1 value=47 note="fra terminalen".',
  '/knapper viser knapperne igen, /hjælp viser denne tekst, /slut (eller Ctrl+D) afslutter.',
];

/** A typed line: a button press ("/2 felt=værdi …"), a chat command, or text for the bot. */
export type ChatLine =
  | { kind: 'press'; number: number; values: Record<string, string> }
  | { kind: 'command'; name: 'help' | 'buttons' | 'quit' }
  | { kind: 'text'; text: string }
  | { kind: 'invalid'; message: string };

export function parseChatLine(line: string): ChatLine {
  const trimmed = line.trim();
  if (!trimmed.startsWith('/')) return { kind: 'text', text: trimmed };
  const [head = '', ...rest] = splitArguments(trimmed.slice(1));
  if (/^\d+$/.test(head)) {
    const values: Record<string, string> = {};
    for (const arg of rest) {
      const eq = arg.indexOf('=');
      if (eq <= 0) return { kind: 'invalid', message: `"${arg}" er ikke felt=værdi.` };
      values[arg.slice(0, eq)] = arg.slice(eq + 1);
    }
    return { kind: 'press', number: Number(head), values };
  }
  const name = head.toLowerCase();
  if (['hjælp', 'hjaelp', 'help', '?'].includes(name)) return { kind: 'command', name: 'help' };
  if (['knapper', 'buttons'].includes(name)) return { kind: 'command', name: 'buttons' };
  if (['slut', 'afslut', 'quit', 'exit', 'q'].includes(name)) return { kind: 'command', name: 'quit' };
  return { kind: 'invalid', message: `Ukendt kommando "/${head}". Skriv /hjælp.` };
}

/** Splits on spaces, keeping "quoted text" (and felt="quoted text") together. */
function splitArguments(s: string): string[] {
  const out: string[] = [];
  const re = /(?:[^\s"]+|"[^"]*")+/g;
  for (const m of s.matchAll(re)) out.push(m[0].replace(/"([^"]*)"/g, '$1'));
  return out;
}

/**
 * `npm run chat`: with messages on the command line, sends each (a "/n …" presses a button of the
 * answer before), prints everything and exits — 0, or 1 when the bot could not be reached or a
 * press was refused. Without, an interactive session that asks for a form's fields like Teams shows them.
 */
export async function runChat(options: RunChatOptions): Promise<number> {
  const print = (lines: readonly string[]) => {
    for (const line of lines) options.output.write(`${line}\n`);
  };
  let client: ChatClient;
  try {
    client = await ChatClient.start(options);
  } catch (err) {
    print([`Kunne ikke starte chatten: ${err instanceof Error ? err.message : String(err)}`]);
    return 1;
  }
  client.onUnsolicited((lines) => print(lines));
  try {
    return options.script !== undefined ? await runScript(client, options.script, print) : await runInteractive(client, options, print);
  } finally {
    await client.close();
  }
}

async function runScript(client: ChatClient, script: readonly string[], print: (lines: readonly string[]) => void): Promise<number> {
  for (const raw of script) {
    const line = parseChatLine(raw);
    print([`Du: ${raw}`]);
    try {
      if (line.kind === 'text') print(await client.say(line.text));
      else if (line.kind === 'press') {
        const result = await client.press(line.number, line.values);
        if (!result.pressed) {
          print(result.problems.map((p) => `! ${p}`));
          return 1;
        }
        print(result.lines);
      } else if (line.kind === 'invalid') {
        print([`! ${line.message}`]);
        return 1;
      } else if (line.kind === 'command' && line.name === 'buttons') print(describeButtons(client.buttons));
    } catch (err) {
      if (err instanceof ChatError) {
        print([`! ${err.message}`]);
        return 1;
      }
      throw err;
    }
  }
  return 0;
}

async function runInteractive(client: ChatClient, options: RunChatOptions, print: (lines: readonly string[]) => void): Promise<number> {
  const rl = createInterface({ input: options.input, output: options.output, terminal: (options.output as { isTTY?: boolean }).isTTY === true });
  rl.on('SIGINT', () => rl.close()); // Ctrl+C in a terminal ends the chat like Ctrl+D
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (prompt: string): Promise<string | undefined> => {
    options.output.write(prompt);
    const next = await lines.next();
    return next.done ? undefined : next.value;
  };
  print([`Målbot-chat mod ${options.endpoint}. ${CHAT_HELP[0]}`, 'Skriv /hjælp for knapper og felter, /slut for at stoppe.']);
  try {
    for (;;) {
      const raw = await ask('Du: ');
      if (raw === undefined) return 0;
      const line = parseChatLine(raw);
      try {
        if (line.kind === 'text') {
          if (line.text !== '') print(await client.say(line.text));
        } else if (line.kind === 'invalid') print([line.message]);
        else if (line.kind === 'command') {
          if (line.name === 'quit') return 0;
          print(line.name === 'help' ? CHAT_HELP : describeButtons(client.buttons));
        } else {
          const button = client.buttons.find((b) => b.number === line.number);
          const values = button ? await promptForInputs(button, line.values, ask, print) : line.values;
          if (values === undefined) return 0;
          const result = await client.press(line.number, values);
          print(result.pressed ? result.lines : result.problems.map((p) => `! ${p}`));
        }
      } catch (err) {
        if (!(err instanceof ChatError)) throw err;
        print([`! ${err.message}`]);
      }
    }
  } finally {
    rl.close();
  }
}

/** Asks for every field not given on the command line; Enter keeps the start value. Undefined at end of input. */
async function promptForInputs(
  button: ChatButton,
  given: Record<string, string>,
  ask: (prompt: string) => Promise<string | undefined>,
  print: (lines: readonly string[]) => void,
): Promise<Record<string, string> | undefined> {
  const values = { ...given };
  for (const input of button.inputs) {
    if (values[input.id] !== undefined) continue;
    for (;;) {
      const typed = await ask(promptFor(input));
      if (typed === undefined) return undefined;
      const value = typed.trim() === '' ? input.initial : normalizeInputValue(input, typed);
      const problem = inputProblem(input, value);
      if (problem === undefined) {
        values[input.id] = value;
        break;
      }
      print([`  ! ${problem}`]);
    }
  }
  return values;
}

function promptFor(input: CardInput): string {
  const choices = input.choices.length > 0 ? ` (${input.choices.map((c, i) => `${i + 1}) ${c.title}`).join(', ')})` : '';
  const toggle = input.type === 'Input.Toggle' ? ' (ja/nej)' : '';
  const start = input.initial !== '' ? ` [${input.initial}]` : '';
  return `  ${input.label}${input.isRequired ? '*' : ''}${choices}${toggle}${start}: `;
}

function describeButtons(buttons: readonly ChatButton[]): string[] {
  if (buttons.length === 0) return ['Det seneste svar har ingen knapper.'];
  return buttons.map((b) => `[${b.number}] ${b.title}${b.inputs.length > 0 ? ` — felter: ${b.inputs.map((i) => i.id).join(', ')}` : ''}`);
}
