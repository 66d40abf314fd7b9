/**
 * `npm run chat [-- options] ["message" …]`: talk to a running Målbot in the terminal, over its real
 * HTTP endpoint, like Teams would (see scripts/chat/chat-client.ts). The bot must run in local mode
 * (no MicrosoftAppId), e.g. `npm start` in another window.
 *
 *   npm run chat                          interactive
 *   npm run chat -- "status mål 4"        send, print the answer, exit
 *   npm run chat -- "status mål 4" /1     … and press button [1] of that answer
 *
 * Options: --url URL (default http://localhost:$PORT/api/messages, PORT defaulting to 3978),
 * --channel | --group-chat (default: a personal chat), --name NAME, --tenant GUID, --no-color.
 */
import { runChat } from './chat/run-chat';
import { ansiStyle, plainStyle } from './chat/render-card';
import type { ChatConversationType } from './chat/chat-client';
import { loadDotEnv } from '../config/load-dot-env';
import { projectRoot } from '../goals/default-contract';

interface ChatArgs {
  endpoint: string;
  conversationType: ChatConversationType;
  name: string | undefined;
  tenantId: string | undefined;
  color: boolean;
  messages: string[];
}

const USAGE = 'Brug: npm run chat -- [--url URL] [--channel | --group-chat] [--name NAVN] [--tenant GUID] [--no-color] ["besked" …]';

function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ChatArgs | string {
  const args: ChatArgs = {
    endpoint: `http://localhost:${env.PORT?.trim() || '3978'}/api/messages`,
    conversationType: 'personal',
    name: undefined,
    tenantId: undefined,
    color: process.stdout.isTTY === true && env.NO_COLOR === undefined,
    messages: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => argv[++i];
    if (arg === '--url') {
      const v = value();
      if (v === undefined) return '--url kræver en adresse';
      args.endpoint = /\/api\/messages\/?$/.test(v) ? v : `${v.replace(/\/$/, '')}/api/messages`;
    } else if (arg === '--channel') args.conversationType = 'channel';
    else if (arg === '--group-chat') args.conversationType = 'groupChat';
    else if (arg === '--name') args.name = value();
    else if (arg === '--tenant') args.tenantId = value();
    else if (arg === '--no-color') args.color = false;
    else if (arg === '--help' || arg === '-h') return USAGE;
    else if (arg.startsWith('--')) return `ukendt valg ${arg}\n${USAGE}`;
    else args.messages.push(arg);
  }
  return args;
}

async function main(): Promise<number> {
  loadDotEnv(projectRoot());
  const args = parseArgs(process.argv.slice(2), process.env);
  if (typeof args === 'string') {
    if (args === USAGE) console.log(USAGE);
    else console.error(args);
    return args === USAGE ? 0 : 2;
  }
  return runChat({
    endpoint: args.endpoint,
    conversationType: args.conversationType,
    user: args.name !== undefined ? { name: args.name } : undefined,
    tenantId: args.tenantId,
    style: args.color ? ansiStyle : plainStyle,
    script: args.messages.length > 0 ? args.messages : undefined,
    input: process.stdin,
    output: process.stdout,
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error('npm run chat fejlede:', err);
    process.exitCode = 1;
  },
);
