import type { ContractData } from './contract-schema';
import type { ContractFileIssue } from './contract-file-error';

/**
 * Topics are how the question parser finds a goal from a word, so a topic that belongs to two
 * goals makes an answer ambiguous, and an upper-case topic never matches the lower-cased question.
 * The schema checks each goal alone; this checks them together.
 */
export function topicIssues(c: ContractData): ContractFileIssue[] {
  const issues: ContractFileIssue[] = [];
  const owner = new Map<string, string>();
  c.goals.forEach((g, i) => {
    g.topics.forEach((topic, j) => {
      const path = `goals[${i}].topics[${j}]`;
      const key = topic.trim();
      if (key !== topic.toLowerCase().trim()) issues.push({ path, message: `emneordet "${topic}" skal skrives med små bogstaver` });
      const other = owner.get(key.toLowerCase());
      if (other !== undefined && other !== g.id) {
        issues.push({ path, message: `emneordet "${topic}" bruges også af mål ${other}` });
      } else {
        owner.set(key.toLowerCase(), g.id);
      }
    });
  });
  return issues;
}
