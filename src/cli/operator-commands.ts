import { randomBytes } from 'node:crypto';
import type { ClientBase } from 'pg';
import { isUuid } from '../common/validation';
import { recordOperatorCommand } from '../modules/audit/platform-audit';
import { addFirstAdmin, endOrganizationSessions, setUserDisabled } from '../modules/auth/operators';
import { issuePasswordReset } from '../modules/auth/password-reset.service';
import { insertOrganizationForOperators, listOrganizationsForOperators, setOrganizationMark } from '../modules/organizations/operators';
import { OrganizationKind } from '../modules/organizations/organization.entity';

export const OPERATOR_USAGE = `Usage: npm run ops -- <command> [arguments] [--operator <name>]
  list-organizations [search]       every organization (or those whose name or region contains search), with whether it is verified
  verify-organization <id>          marks the organization verified: the directory shows it, and nobody can sign up as it
  unverify-organization <id>        withdraws the verification
  suspend-organization <id>         nobody signs in as it any more, its sessions end and its API keys stop working
  reinstate-organization <id>       lifts the suspension (its people sign in again)
  disable-user <email>              the person can no longer sign in or join an organization; their sessions end at once
  enable-user <email>               lets the person sign in again (with the same password)
  reset-password <email>            a one-time link (for an hour) to choose a new password: hand it over once you know it is them
  create-organization --name <name> --kind <kind> --country <XX> [--region <region>] --admin-email <email> --admin-name <name> [--verify]
                                    an organization (verified with --verify) and its first admin; a new account gets a link to choose its password
Each command is recorded in platform_audit_events with the operator's name (--operator, else the OPERATOR variable, else the system user).`;

/** A command an operator can get wrong: the message says what to do instead. */
export class OperatorCommandError extends Error {}

/**
 * Runs one operator command in one transaction on `client` (the schema owner's connection), with
 * its record in the platform audit trail; answers what to print.
 */
/** Who runs a command, where links point, and how the server hashes passwords. */
export interface OperatorSettings {
  operator: string;
  publicUrl: string;
  hashPassword(password: string): Promise<string>;
}

/** `--name value` pairs and bare `--flag`s after a command. */
function flagsOf(args: readonly string[]): Map<string, string | true> {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i += 1) {
    if (!args[i].startsWith('--')) throw new OperatorCommandError(`Unexpected "${args[i]}": give each value after its --name`);
    const next = args[i + 1];
    if (next === undefined || next.startsWith('--')) {
      flags.set(args[i].slice(2), true);
    } else {
      flags.set(args[i].slice(2), next);
      i += 1;
    }
  }
  return flags;
}

export async function runOperatorCommand(client: ClientBase, args: readonly string[], settings: OperatorSettings): Promise<string> {
  const { operator, publicUrl } = settings;
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
      case 'unverify-organization':
      case 'suspend-organization':
      case 'reinstate-organization': {
        const id = organizationId();
        const mark = command.endsWith('verify-organization') ? 'verified' : 'suspended';
        const set = command === 'verify-organization' || command === 'suspend-organization';
        const name = await setOrganizationMark(client, id, mark, set ? operator : null);
        if (name === null) throw new OperatorCommandError(`No organization has the id ${id}`);
        const endedSessions = mark === 'suspended' && set ? await endOrganizationSessions(client, id, 'organization suspended by a platform operator') : 0;
        await recordOperatorCommand(client, { operator, command, subjectOrganizationId: id, details: mark === 'suspended' ? { name, endedSessions } : { name } });
        const outcome = {
          'verify-organization': 'is verified',
          'unverify-organization': 'is no longer verified',
          'suspend-organization': `is suspended; ${endedSessions} session(s) ended`,
          'reinstate-organization': 'is reinstated',
        }[command];
        output = `${name} (${id}) ${outcome}.`;
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
      case 'create-organization': {
        const flags = flagsOf(args.slice(1));
        const text = (name: string, optional = false) => {
          const value = flags.get(name);
          if (typeof value === 'string' && value.trim()) return value.trim();
          if (optional && value === undefined) return undefined;
          throw new OperatorCommandError(`create-organization needs --${name} <value>\n${OPERATOR_USAGE}`);
        };
        const kind = text('kind')!;
        if (!(Object.values(OrganizationKind) as string[]).includes(kind)) {
          throw new OperatorCommandError(`--kind must be one of ${Object.values(OrganizationKind).join(', ')}`);
        }
        const countryCode = text('country')!;
        if (!/^[A-Z]{2}$/.test(countryCode)) throw new OperatorCommandError('--country must be two upper-case letters (ISO 3166-1 alpha-2), e.g. VN');
        const email = text('admin-email')!;
        if (!email.includes('@')) throw new OperatorCommandError('--admin-email must be an email address');
        const name = text('name')!;
        const verify = flags.get('verify') === true;
        const organizationId = await insertOrganizationForOperators(client, { name, kind: kind as OrganizationKind, countryCode, region: text('region', true) ?? null }, verify ? operator : null);
        const unusable = await settings.hashPassword(randomBytes(32).toString('base64url'));
        const admin = await addFirstAdmin(client, organizationId, { email, displayName: text('admin-name')! }, unusable);
        const reset = admin.created ? await issuePasswordReset(client, email, operator, publicUrl) : null;
        await recordOperatorCommand(client, { operator, command, subjectOrganizationId: organizationId, details: { name, kind, verified: verify, adminUserId: admin.userId, newAccount: admin.created } });
        output = [
          `${name} (${organizationId}) is created${verify ? ' and verified' : ''}; ${email} is its admin.`,
          reset
            ? `Hand this one-time link (valid for an hour) to ${email} to choose a password:\n${reset.link}`
            : `${email} already had an account: they sign in as before and choose the organization (login with organizationId, or switchOrganization).`,
        ].join('\n');
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
