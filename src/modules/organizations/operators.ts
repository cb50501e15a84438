import type { ClientBase } from 'pg';
import { containsPattern, foldForSearch } from '../../common/search-text';

/*
 * What platform operators do to organizations (`npm run ops`), as the schema owner on a connection
 * of their own, never through the API: see src/cli/operator-commands.ts.
 */

export interface OperatorOrganizationRow {
  id: string;
  name: string;
  kind: string;
  country_code: string;
  region: string | null;
  verified_at: Date | null;
  verified_by: string | null;
  created_at: Date;
}

/** Every organization, by name; with `search`, those whose folded name or region contains it. */
export async function listOrganizationsForOperators(client: ClientBase, search?: string): Promise<OperatorOrganizationRow[]> {
  const folded = search ? foldForSearch(search) : '';
  const { rows } = await client.query<OperatorOrganizationRow>(
    `SELECT id, name, kind, country_code, region, verified_at, verified_by, created_at FROM organizations
      WHERE $1::text IS NULL OR search_text LIKE $1 ESCAPE '\\' ORDER BY name, id`,
    [folded ? containsPattern(folded) : null],
  );
  return rows;
}

/** Marks an organization verified by `operator`, or (null) no longer verified. Answers its name; null when there is none with that id. */
export async function setOrganizationVerified(client: ClientBase, id: string, operator: string | null): Promise<string | null> {
  const { rows } = await client.query<{ name: string }>(
    `UPDATE organizations SET verified_at = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END, verified_by = $2, updated_at = now()
      WHERE id = $1 RETURNING name`,
    [id, operator],
  );
  return rows[0]?.name ?? null;
}
