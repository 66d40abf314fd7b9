import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { contractBook, type ContractBook } from './contract-book';
import type { ContractData } from './contract-schema';
import { ContractFileError } from './contract-file-error';
import { loadContract } from './load-contract';

const CONTRACT_FILE = /\.(ya?ml|json)$/i;

/**
 * Every contract in `location`: a folder (each .yaml/.yml/.json file in it, checked as one
 * contract) or a single file. Two contracts with the same id, the same year or overlapping
 * periods are refused: the contract in force on a date must be unambiguous.
 */
export function loadContracts(location: string): ContractBook {
  const files = isFolder(location)
    ? readdirSync(location).filter((f) => CONTRACT_FILE.test(f)).sort().map((f) => path.join(location, f))
    : [location];
  if (files.length === 0) throw new ContractFileError(location, [{ path: '', message: 'mappen indeholder ingen kontraktfiler (.yaml, .yml eller .json)' }]);
  const loaded = files.map((file) => ({ file, contract: loadContract(file) }));
  checkDistinct(loaded);
  return contractBook(loaded.map((l) => l.contract));
}

function isFolder(location: string): boolean {
  try {
    return statSync(location).isDirectory();
  } catch {
    return false; // a missing path is reported by loadContract, with its Danish message
  }
}

function checkDistinct(loaded: readonly { file: string; contract: ContractData }[]): void {
  for (let i = 0; i < loaded.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = loaded[j] as { file: string; contract: ContractData };
      const b = loaded[i] as { file: string; contract: ContractData };
      const problems: string[] = [];
      if (a.contract.id === b.contract.id) problems.push(`samme kontrakt-id "${b.contract.id}" som ${path.basename(a.file)}`);
      if (a.contract.year === b.contract.year) problems.push(`samme kontraktår ${b.contract.year} som ${path.basename(a.file)}`);
      if (a.contract.validFrom <= b.contract.validTo && b.contract.validFrom <= a.contract.validTo) {
        problems.push(`perioden ${b.contract.validFrom}–${b.contract.validTo} overlapper ${path.basename(a.file)} (${a.contract.validFrom}–${a.contract.validTo})`);
      }
      if (problems.length > 0) throw new ContractFileError(b.file, problems.map((message) => ({ path: '', message })));
    }
  }
}
