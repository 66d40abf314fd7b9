/** The languages the bot answers in: Danish unless a question was clearly English. */
export type Language = 'da' | 'en';
