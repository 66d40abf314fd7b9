import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Download links for the KKR report and the export in channels and group chats (README "The
 * report to KKR Syddanmark"). Kept apart from readConfig so its rules live in one place.
 */
export interface FileLinkConfig {
  /** APP_BASE_URL: the bot's public https base (the messaging endpoint's host); undefined = no links. */
  publicUrl: string | undefined;
  /** FILE_LINK_SECRET (at least 32 characters); unset: a random one per process (links die at a restart, and do not work across instances). */
  secret: string;
  /** True when FILE_LINK_SECRET was not set. */
  secretGenerated: boolean;
  /** FILE_LINK_MINUTES: how long a link works (1–60, default 15). */
  minutes: number;
}

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const schema = z.object({
  APP_BASE_URL: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .refine((u) => /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(u), 'skal være en http(s)-adresse uden ? og #, fx https://maalbot.example.dk')
      .optional(),
  ),
  FILE_LINK_SECRET: z.preprocess(blank, z.string().min(32, 'skal være mindst 32 tegn (fx openssl rand -base64 32)').optional()),
  FILE_LINK_MINUTES: z.preprocess(blank, z.coerce.number({ message: 'skal være et antal minutter' }).int('skal være et helt antal minutter').min(1, 'mindst 1').max(60, 'højst 60').default(15)),
});

export function readFileLinkConfig(env: NodeJS.ProcessEnv, mode: 'local' | 'production'): { files: FileLinkConfig; problems: string[] } {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}${String(i.path[0]) === 'FILE_LINK_SECRET' ? '' : ` (fundet: ${JSON.stringify(env[String(i.path[0])] ?? '')})`}`);
    return { files: { publicUrl: undefined, secret: '', secretGenerated: true, minutes: 15 }, problems };
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (mode === 'production' && e.APP_BASE_URL !== undefined && !e.APP_BASE_URL.startsWith('https://')) problems.push('APP_BASE_URL: skal være en https-adresse i produktion');
  return {
    files: { publicUrl: e.APP_BASE_URL, secret: e.FILE_LINK_SECRET ?? randomBytes(32).toString('base64url'), secretGenerated: e.FILE_LINK_SECRET === undefined, minutes: e.FILE_LINK_MINUTES },
    problems,
  };
}
