import { z } from 'zod';

/** The languages the bot answers in: Danish unless a question was clearly English. */
export const LANGUAGES = ['da', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A card button's `language` field: optional, Danish when missing, anything else refused. */
export const cardLanguageSchema = z.enum(LANGUAGES).default('da');
