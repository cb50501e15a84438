import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import { containsPattern, foldForSearch } from '../../common/search-text';
import type { NewOrganization } from './organization.service';
import { organizationSearchText } from './organization.service';

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

/** What an operator sets on an organization, and its columns (when, by whom). */
const MARKS = { verified: ['verified_at', 'verified_by'], suspended: ['suspended_at', 'suspended_by'] } as const;

/**
 * Marks an organization verified or suspended by `operator`, or (null) withdraws the mark.
 * Answers its name; null when there is none with that id.
 */
export async function setOrganizationMark(client: ClientBase, id: string, mark: keyof typeof MARKS, operator: string | null): Promise<string | null> {
  const [at, by] = MARKS[mark];
  const { rows } = await client.query<{ name: string }>(
    `UPDATE organizations SET ${at} = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END, ${by} = $2, updated_at = now()
      WHERE id = $1 RETURNING name`,
    [id, operator],
  );
  return rows[0]?.name ?? null;
}

/**
 * An organization an operator creates: no sign-up, so no check against verified lookalikes (the
 * operator knows who it is), and verified at once with `verifiedBy`. Answers its id.
 */
export async function insertOrganizationForOperators(client: ClientBase, profile: Omit<NewOrganization, 'id'>, verifiedBy: string | null): Promise<string> {
  const id = randomUUID();
  const name = profile.name.trim();
  await client.query(
    `INSERT INTO organizations (id, name, kind, country_code, region, description, website, search_text, verified_at, verified_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $9::text IS NULL THEN NULL ELSE now() END, $9)`,
    [id, name, profile.kind, profile.countryCode, profile.region ?? null, profile.description ?? null, profile.website ?? null, organizationSearchText({ name, region: profile.region }), verifiedBy],
  );
  return id;
}
