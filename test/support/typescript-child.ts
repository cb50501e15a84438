import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Runs `script` (CommonJS JavaScript that may `require` the project's TypeScript files) in a
 * Node.js process of its own, with swc compiling `.ts` as jest does (.swcrc), and answers what it
 * printed as JSON. For code that jest's module runtime cannot load, such as the embedded
 * PostgreSQL's platform package (ES modules, which Node.js itself requires natively).
 */
export function runTypeScriptChild<T>(script: string, timeoutMs = 120_000): Promise<T> {
  const hook = `
    const { readFileSync } = require('node:fs');
    const { transformSync } = require('@swc/core');
    const { $schema, ...options } = JSON.parse(readFileSync(${JSON.stringify(resolve('.swcrc'))}, 'utf8'));
    require.extensions['.ts'] = (module, filename) => {
      const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename, module: { type: 'commonjs' } });
      module._compile(code, filename);
    };
    require('reflect-metadata');
  `;
  return new Promise((done, fail) => {
    execFile(process.execPath, ['-e', `${hook}\n(async () => {\n${script}\n})().then((answer) => { process.stdout.write(JSON.stringify(answer)); process.exit(0); }, (error) => { console.error(error); process.exit(1); });`], { cwd: resolve('.'), timeout: timeoutMs, maxBuffer: 10 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return fail(new Error(`${error.message}\n${stderr}`));
      done(JSON.parse(stdout) as T);
    });
  });
}
