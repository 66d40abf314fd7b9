import { randomBytes } from 'node:crypto';

/** A short id shown to the user ("Reference: 7f3a9c") and written to the log beside the details. */
export function newErrorReference(): string {
  return randomBytes(3).toString('hex');
}
