/** The one source of "now"; injected everywhere so tests can pin time. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
