import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Where the simulator writes by default: a git-ignored folder, so generated cities, their
 * plaintext gateway secrets and ground-truth reports never land in the repository.
 */
export const SIM_OUTPUT_DIR = '.local/sim';
export const DEFAULT_CITY_FILE = `${SIM_OUTPUT_DIR}/city.json`;

/** Creates the folder a file is about to be written to. */
export function ensureDirOf(file: string): string {
  mkdirSync(dirname(file), { recursive: true });
  return file;
}
