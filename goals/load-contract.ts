import { contractSchema, type ContractData } from './contract-schema';
import { ContractFileError } from './contract-file-error';
import { readDataFile } from './data-file';
import { topicIssues } from './topic-issues';

/**
 * Reads one contract data file (YAML, or JSON when the name ends in .json) and checks it against
 * the contract schema. Anything wrong — missing file, syntax error, schema violation, a topic
 * used by two goals — becomes one ContractFileError that lists every problem with its place.
 */
export function loadContract(file: string): ContractData {
  const contract = readDataFile(file, contractSchema, (issues) => new ContractFileError(file, issues));
  const topics = topicIssues(contract);
  if (topics.length > 0) throw new ContractFileError(file, topics);
  return contract;
}
