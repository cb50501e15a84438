import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ErrorCode } from '../src/common/errors';
import { buildAppSchema, renderSchema, SCHEMA_FILE } from '../src/schema';

const ROOT = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('generated and documented artefacts', () => {
  it('schema/schema.graphql matches the code (run `npm run schema` after changing the API)', async () => {
    const committed = readFileSync(join(ROOT, SCHEMA_FILE), 'utf8');
    expect(committed).toBe(renderSchema(await buildAppSchema()));
  });

  it('describes every type, field, argument and enum value in the schema', async () => {
    const schema = await buildAppSchema();
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Boolean', 'Int', 'Float', 'ID'].includes(type.name)) continue;
      // The root operation types are containers; their fields carry the descriptions.
      if (!type.description && !['Query', 'Mutation', 'Subscription'].includes(type.name)) undocumented.push(type.name);
      if ('getFields' in type) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if ('getValues' in type) {
        for (const value of type.getValues()) if (!value.description) undocumented.push(`${type.name}.${value.name}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('documents every error code in docs/errors.md', () => {
    const reference = readFileSync(join(ROOT, 'docs/errors.md'), 'utf8');
    expect(Object.values(ErrorCode).filter((code) => !reference.includes(`\`${code}\``))).toEqual([]);
  });

  it('keeps the application pool inside src/database: no other module can reach it without the tenant setting', () => {
    const offenders = sourceFiles(join(ROOT, 'src'))
      .filter((file) => !relative(ROOT, file).startsWith(join('src', 'database')))
      .filter((file) => /\bDataSource\b|data-sources'|createQueryRunner|AppDataSource/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});
