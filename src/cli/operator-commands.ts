import type { ClientBase } from 'pg';
import { isUuid } from '../common/validation';
import { recordOperatorCommand } from '../modules/audit/platform-audit';
import { setUserDisabled } from '../modules/auth/operators';
import { issuePasswordReset } from '../modules/auth/password-reset.service';
import { listOrganizationsForOperators, setOrganizationVerified } from '../modules/organizations/operators';

export const OPERATOR_USAGE = `Usage: npm run ops -- <command> [arguments] [--operator <name>]
  list-organizations [search]       every organization (or those whose name or region contains search), with whether it is verified
  verify-organization <id>          marks the organization verified: the directory shows it, and nobody can sign up as it
  unverify-organization <id>        withdraws the verification
  disable-user <email>              the person can no longer sign in or join an organization; their sessions end at once
  enable-user <email>               lets the person sign in again (with the same password)
  reset-password <email>            a one-time link (for an hour) to choose a new password: hand it over once you know it is them
Each command is recorded in platform_audit_events with the operator's name (--operator, else the OPERATOR variable, else the system user).`;

/** A command an operator can get wrong: the message says what to do instead. */
export class OperatorCommandError extends Error {}

/**
 * Runs one operator command in one transaction on `client` (the schema owner's connection), with
 * its record in the platform audit trail; answers what to print.
 */
export async function runOperatorCommand(client: ClientBase, args: readonly string[], operator: string, publicUrl: string): Promise<string> {
  const [command, argument] = args;
  const organizationId = () => {
    if (!argument || !isUuid(argument)) throw new OperatorCommandError(`${command} needs an organization id (a UUID; list-organizations shows them)`);
    return argument;
  };
  await client.query('BEGIN');
  try {
    let output: string;
    switch (command) {
      case 'list-organizations': {
        const rows = await listOrganizationsForOperators(client, argument);
        await recordOperatorCommand(client, { operator, command, details: { search: argument ?? null, found: rows.length } });
        output = rows
          .map((row) =>
            [row.id, row.kind, row.country_code, row.region ?? '-', row.verified_at ? `verified ${row.verified_at.toISOString()} by ${row.verified_by}` : 'not verified', row.name].join('\t'),
          )
          .join('\n');
        output ||= 'No organization matches.';
        break;
      }
      case 'verify-organization':
      case 'unverify-organization': {
        const id = organizationId();
        const verify = command === 'verify-organization';
        const name = await setOrganizationVerified(client, id, verify ? operator : null);
        if (name === null) throw new OperatorCommandError(`No organization has the id ${id}`);
        await recordOperatorCommand(client, { operator, command, subjectOrganizationId: id, details: { name } });
        output = `${name} (${id}) is ${verify ? 'verified' : 'no longer verified'}.`;
        break;
      }
      case 'disable-user':
      case 'enable-user': {
        if (!argument?.includes('@')) throw new OperatorCommandError(`${command} needs the person's sign-in email`);
        const disable = command === 'disable-user';
        const changed = await setUserDisabled(client, argument, disable ? operator : null);
        if (!changed) throw new OperatorCommandError(`No account has the email ${argument}`);
        await recordOperatorCommand(client, { operator, command, details: { userId: changed.userId, endedSessions: changed.endedSessions } });
        output = disable
          ? `${argument} is disabled; ${changed.endedSessions} session(s) ended.`
          : `${argument} can sign in again.`;
        break;
      }
      case 'reset-password': {
        if (!argument?.includes('@')) throw new OperatorCommandError(`${command} needs the person's sign-in email`);
        const issued = await issuePasswordReset(client, argument, operator, publicUrl);
        if (!issued) throw new OperatorCommandError(`No account has the email ${argument}`);
        await recordOperatorCommand(client, { operator, command, details: { userId: issued.userId } });
        output = `A link for ${argument} to choose a new password, valid for an hour and once:\n${issued.link}`;
        break;
      }
      default:
        throw new OperatorCommandError(command ? `Unknown command "${command}".\n${OPERATOR_USAGE}` : OPERATOR_USAGE);
    }
    await client.query('COMMIT');
    return output;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
