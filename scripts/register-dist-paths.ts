/**
 * Lets a compiled entry point run with plain `node dist/apps/<app>/src/main.js`: resolves the
 * `@app/*` aliases of tsconfig.json against the tree this file was compiled into (dist/ when
 * compiled, the repository when run through ts-node). Import it first, by a relative path.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { register } from 'tsconfig-paths';

function findTsconfig(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'tsconfig.json');
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) throw new Error(`no tsconfig.json above ${from}`);
  }
}

const tsconfig = JSON.parse(readFileSync(findTsconfig(__dirname), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
register({ baseUrl: join(__dirname, '..'), paths: tsconfig.compilerOptions.paths });
