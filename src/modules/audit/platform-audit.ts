import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';

/** One command of a platform operator, kept in `platform_audit_events` (which no request can read). */
export interface OperatorCommand {
  operator: string;
  command: string;
  subjectOrganizationId?: string | null;
  details?: Record<string, unknown>;
}

/** Records an operator's command, in the transaction that carries it out. */
export async function recordOperatorCommand(client: ClientBase, entry: OperatorCommand): Promise<void> {
  await client.query(`INSERT INTO platform_audit_events (id, operator, command, subject_organization_id, details) VALUES ($1, $2, $3, $4, $5)`, [
    randomUUID(),
    entry.operator,
    entry.command,
    entry.subjectOrganizationId ?? null,
    JSON.stringify(entry.details ?? {}),
  ]);
}
