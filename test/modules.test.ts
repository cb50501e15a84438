import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { getMetadataArgsStorage } from 'typeorm';
import { ENTITIES, MODULES } from '../src/modules';

const SRC = resolve(__dirname, '../src');
const KERNEL = ['database', 'context', 'common'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** `from '…'` (imports, type imports, re-exports), `import '…'`, `import('…')` and `require('…')`. */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

/** Every relative import of a file, as a path relative to src/. */
function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(IMPORT)]
    .map((match) => match[1])
    .filter((name) => name.startsWith('.'))
    .map((name) => relative(SRC, resolve(dirname(file), name)));
}

describe('modules', () => {
  it('the kernel (database, context, common) imports nothing from src/modules', () => {
    const upward = KERNEL.flatMap((folder) =>
      sourceFiles(join(SRC, folder)).flatMap((file) =>
        importsOf(file)
          .filter((target) => target === 'modules' || target.startsWith('modules/'))
          .map((target) => `${relative(SRC, file)} imports ${target}`),
      ),
    );
    expect(upward).toEqual([]);
  });

  it('every folder in src/modules is a module listed in src/modules/index.ts, under its own name', () => {
    const folders = readdirSync(join(SRC, 'modules')).filter((name) => statSync(join(SRC, 'modules', name)).isDirectory());
    expect(MODULES.map((module) => module.name).sort()).toEqual(folders.sort());
    for (const name of folders) expect(existsSync(join(SRC, 'modules', name, `${name}.module.ts`))).toBe(true);
  });

  it('every entity belongs to exactly one module', () => {
    // Loading the modules loaded every entity class the code has. TypeORM keeps its metadata on the
    // global object, which outlives jest's module registry, so classes are compared by name.
    const listed = ENTITIES.map((entity) => entity.name);
    const declared = getMetadataArgsStorage().tables.map((table) => (table.target as Function).name);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...new Set(declared)].filter((name) => !listed.includes(name))).toEqual([]);
  });

  it("no module's code writes another module's table", () => {
    const ownerOfEntity = new Map(MODULES.flatMap((module) => module.entities.map((entity) => [entity.name, module.name] as const)));
    const ownerOfTable = new Map(
      getMetadataArgsStorage()
        .tables.filter((table) => typeof table.target === 'function' && typeof table.name === 'string')
        .map((table) => [table.name!, ownerOfEntity.get((table.target as Function).name)] as const),
    );
    const writers = [...MODULES.map((module) => module.name), ...KERNEL];
    const foreign = writers.flatMap((writer) => {
      const folder = KERNEL.includes(writer) ? join(SRC, writer) : join(SRC, 'modules', writer);
      return sourceFiles(folder)
        .filter((file) => !file.endsWith('.test.ts'))
        .flatMap((file) =>
          writesOf(readFileSync(file, 'utf8'), ownerOfEntity, ownerOfTable)
            .filter((write) => write.owner !== writer)
            .map((write) => `${relative(SRC, file)} writes ${write.target} (${write.owner ?? 'unknown table'})`),
        );
    });
    expect(foreign).toEqual([]);
  });

  it('the ownership check finds the writes it is meant to find', () => {
    const entities = new Map([['Referral', 'referrals']]);
    const tables = new Map([['program_referral_facts', 'programs']]);
    const code = `await em.insert(Referral, row); await em.query('UPDATE program_referral_facts SET x = 1'); SELECT 1 FOR UPDATE; ON CONFLICT DO UPDATE SET`;
    expect(writesOf(code, entities, tables)).toEqual([
      { target: 'program_referral_facts', owner: 'programs' },
      { target: 'Referral', owner: 'referrals' },
    ]);
  });
});

/** SQL that changes a table by name (`FOR UPDATE` and `DO UPDATE` are not writes of a table). */
const SQL_WRITE = /\b(?:INSERT\s+INTO|DELETE\s+FROM|(?<!FOR\s+|DO\s+)UPDATE)\s+([a-z_]+)\b/g;
/** TypeORM calls that change an entity's table: `em.insert(Entity, …)`, `.update(Entity)`, `.into(Entity)`… */
const ENTITY_WRITE = /\.(?:insert|update|upsert|delete|softDelete|restore|increment|decrement|into)\(\s*([A-Z]\w*)\b/g;

/**
 * The tables a source file writes, by SQL text or TypeORM call, with their owning module. Saving a
 * loaded entity (`em.save(record)`) names no class and is not seen: such code writes what it read.
 */
function writesOf(code: string, ownerOfEntity: Map<string, string>, ownerOfTable: Map<string, string | undefined>) {
  const sql = [...code.matchAll(SQL_WRITE)].map((match) => ({ target: match[1], owner: ownerOfTable.get(match[1]) }));
  const entities = [...code.matchAll(ENTITY_WRITE)]
    .filter((match) => ownerOfEntity.has(match[1]))
    .map((match) => ({ target: match[1], owner: ownerOfEntity.get(match[1]) }));
  return [...sql, ...entities];
}
