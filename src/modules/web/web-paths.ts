import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The build is plain `tsc`, which copies neither templates nor browser files into dist/. Both are
 * read from the source tree, found by walking up from this file (src/... under ts-jest, dist/...
 * when built) to the folder holding package.json. A deployment ships src/templates and src/public.
 */
export function projectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const templatesDir = (): string => join(projectRoot(), 'src', 'templates');
export const publicDir = (): string => join(projectRoot(), 'src', 'public');

/** The `dist` folder of an installed package, resolved by Node's own lookup (works with hoisting). */
export const packageDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));
