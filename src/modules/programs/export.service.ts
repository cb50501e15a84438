import type { RequestContext } from '../../context/request-context';
import { OrganizationKind } from '../organizations/organization.entity';
import { organizationLoader } from '../organizations/organization.loaders';
import type { ProgramMetricsArgs } from './dto/program.inputs';
import type { Indicator, ProgramResult } from './indicator.entity';
import { forbidden } from '../../common/errors';
import { exportPath, type CreateExportLinkInput, type ExportLink } from './export-links';
import { periodsOfRange, programMetrics } from './metrics.service';
import type { MetricValueShape, ProgramMetrics, SuppressionReason } from './metrics.types';
import { Dimension, IndicatorDirection, IndicatorMeasure, ProgramMemberRole, ResultType } from './program.enums';
import type { Program } from './program.entity';
import { programMembersLoader, programResultsLoader } from './program.loaders';
import { getProgram, requireRole } from './program.service';

/**
 * One row per indicator, period and cell (overall, then each value of each dimension the indicator
 * is reported by, or of `disaggregateBy` alone when given), from the same suppressed metrics the API
 * shows: an export never says more.
 */
interface ExportRow {
  result: ProgramResult;
  indicator: Indicator;
  periodStart: string;
  periodEnd: string;
  dimension: Dimension | null;
  dimensionValue: string | null;
  target: number | null;
  actual: MetricValueShape | null;
}

async function exportRows(ctx: RequestContext, args: ProgramMetricsArgs): Promise<{ program: Program; results: ProgramResult[]; rows: ExportRow[] }> {
  const overall = await programMetrics(ctx, { ...args, disaggregateBy: null });
  const results = await ctx.loader(programResultsLoader).load(overall.program);
  const resultOf = new Map(results.map((result) => [result.id, result]));
  // Without `disaggregateBy`, every dimension each indicator is reported by; with it, that one alone.
  const exported = (indicator: Indicator) =>
    args.disaggregateBy ? indicator.disaggregations.filter((dimension) => dimension === args.disaggregateBy) : indicator.disaggregations;
  const dimensions = [...new Set(overall.periods[0]?.indicators.flatMap((p) => exported(p.indicator)) ?? [])];
  const byDimension = new Map<Dimension, ProgramMetrics>();
  for (const dimension of dimensions) byDimension.set(dimension, await programMetrics(ctx, { ...args, disaggregateBy: dimension }));

  const rows: ExportRow[] = [];
  overall.periods.forEach((period, p) => {
    period.indicators.forEach((progress, i) => {
      const base = { result: resultOf.get(progress.indicator.resultId)!, indicator: progress.indicator, periodStart: period.periodStart, periodEnd: period.periodEnd };
      rows.push({ ...base, dimension: null, dimensionValue: null, target: progress.target, actual: progress.actual });
      for (const dimension of exported(progress.indicator)) {
        for (const cell of byDimension.get(dimension)!.periods[p].indicators[i].breakdown) {
          rows.push({ ...base, dimension, dimensionValue: cell.value, target: cell.target, actual: cell.actual });
        }
      }
    });
  });
  return { program: overall.program, results, rows };
}

const valueOf = (actual: MetricValueShape | null) => (actual && 'value' in actual ? actual.value : null);
const suppressionOf = (actual: MetricValueShape | null) => (actual && 'reason' in actual ? actual : null);

/** RFC 4180: quote a field when it holds a comma, quote or line break. */
const csvField = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export async function programResultsCsv(ctx: RequestContext, args: ProgramMetricsArgs): Promise<string> {
  const { rows } = await exportRows(ctx, args);
  const header = ['result_type', 'result', 'indicator_code', 'indicator', 'period_start', 'period_end', 'dimension', 'dimension_value', 'target', 'actual', 'suppressed'];
  const lines = rows.map((row) => {
    const suppressed = suppressionOf(row.actual);
    return [
      row.result.type,
      row.result.title,
      row.indicator.code,
      row.indicator.name,
      row.periodStart,
      row.periodEnd,
      row.dimension,
      row.dimensionValue,
      row.target,
      valueOf(row.actual),
      suppressed ? suppressed.reason : null,
    ]
      .map(csvField)
      .join(',');
  });
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}

const xml = (text: string | number) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

const IATI_RESULT_TYPE: Record<ResultType, string> = { OUTPUT: '1', OUTCOME: '2', IMPACT: '3' };
const IATI_MEASURE: Record<IndicatorMeasure, string> = { UNIT: '1', PERCENTAGE: '2', NOMINAL: '3', ORDINAL: '4', QUALITATIVE: '5' };
/** IATI OrganisationType codes. */
const IATI_ORGANIZATION_TYPE: Record<OrganizationKind, string> = {
  NGO: '22',
  INTERNATIONAL_NGO: '21',
  GOVERNMENT_AGENCY: '10',
  COMMUNITY_GROUP: '22',
  HOSPITAL: '90',
  SCHOOL: '80',
  FUNDER: '60',
  UN_AGENCY: '40',
  OTHER: '90',
};
/** IATI OrganisationRole codes. */
const IATI_ROLE: Record<ProgramMemberRole, string> = { FUNDER: '1', LEAD: '2', IMPLEMENTING_PARTNER: '4' };

const WITHHELD: Record<SuppressionReason, (threshold: number) => string> = {
  BELOW_THRESHOLD: (threshold) => `Withheld: fewer than ${threshold} people`,
  OTHERS_BELOW_THRESHOLD: (threshold) => `Withheld: fewer than ${threshold} people besides those of the organization that exported it`,
  COMPLEMENTARY: () => 'Withheld so that a smaller withheld figure cannot be worked out from the total',
  DERIVED_FROM_SUPPRESSED: () => 'Withheld: computed from a withheld figure',
};

/** Organizations have no registered IATI identifier yet; this prefix marks ours as platform-issued. */
const iatiOrganizationRef = (organizationId: string) => `XI-NGOCOMMONS-${organizationId}`;

/**
 * The programme as an IATI 2.03 activity with its results section: result → indicator → baseline /
 * period → target / actual, with disaggregations as dimensions. A suppressed actual carries no value,
 * only a comment saying it is withheld.
 */
export async function programIatiXml(ctx: RequestContext, args: ProgramMetricsArgs): Promise<string> {
  const { program, results, rows } = await exportRows(ctx, args);
  const lead = (await ctx.loader(organizationLoader).load(program.organizationId))!;
  const members = await ctx.loader(programMembersLoader).load(program);
  // The lead is accountable; other members appear as far as the reader sees them (a member sees its own membership).
  const participants = [
    { role: ProgramMemberRole.LEAD, organization: lead },
    ...(await Promise.all(
      members
        .filter((member) => member.status === 'ACTIVE' && member.role !== ProgramMemberRole.LEAD)
        .map(async (member) => ({ role: member.role, organization: (await ctx.loader(organizationLoader).load(member.memberOrganizationId))! })),
    )),
  ];
  const today = new Date().toISOString().slice(0, 10);
  const status = today < program.startsOn ? '1' : program.endsOn !== null && today > program.endsOn ? '4' : '2';
  const narrative = (text: string) => `<narrative>${xml(text)}</narrative>`;

  const indicatorXml = (indicator: Indicator) => {
    const periods = new Map<string, ExportRow[]>();
    for (const row of rows.filter((r) => r.indicator.id === indicator.id)) {
      periods.set(row.periodStart, [...(periods.get(row.periodStart) ?? []), row]);
    }
    const cellXml = (element: 'target' | 'actual', row: ExportRow) => {
      const value = element === 'target' ? row.target : valueOf(row.actual);
      const suppressed = element === 'actual' ? suppressionOf(row.actual) : null;
      if (value === null && !suppressed) return '';
      const dimension = row.dimension ? `<dimension name="${xml(row.dimension.toLowerCase())}" value="${xml(row.dimensionValue!.toLowerCase())}"/>` : '';
      const comment = suppressed
        ? `<comment>${narrative(WITHHELD[suppressed.reason](suppressed.threshold))}</comment>`
        : '';
      return `<${element}${value === null ? '' : ` value="${value}"`}>${dimension}${comment}</${element}>`;
    };
    const periodXml = [...periods.values()]
      .map((cells) => {
        const targets = cells.map((cell) => cellXml('target', cell)).join('');
        const actuals = cells.map((cell) => cellXml('actual', cell)).join('');
        return `<period><period-start iso-date="${cells[0].periodStart}"/><period-end iso-date="${cells[0].periodEnd}"/>${targets}${actuals}</period>`;
      })
      .join('');
    const baseline =
      indicator.baselineYear !== null
        ? `<baseline year="${indicator.baselineYear}"${indicator.baselineValue === null ? '' : ` value="${indicator.baselineValue}"`}/>`
        : '';
    return (
      `<indicator measure="${IATI_MEASURE[indicator.measure]}" ascending="${indicator.direction === IndicatorDirection.HIGHER_IS_BETTER ? 1 : 0}">` +
      `<title>${narrative(indicator.name)}</title>${indicator.description ? `<description>${narrative(indicator.description)}</description>` : ''}` +
      `<reference vocabulary="99" code="${xml(indicator.code)}"/>${baseline}${periodXml}</indicator>`
    );
  };

  const resultsXml = results
    .map((result) => {
      const indicators = [...new Map(rows.filter((row) => row.result.id === result.id).map((row) => [row.indicator.id, row.indicator])).values()];
      if (!indicators.length) return '';
      return (
        `<result type="${IATI_RESULT_TYPE[result.type]}"><title>${narrative(result.title)}</title>` +
        `${result.description ? `<description>${narrative(result.description)}</description>` : ''}` +
        `${indicators.map(indicatorXml).join('')}</result>`
      );
    })
    .join('');

  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<iati-activities version="2.03" generated-datetime="${new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')}">` +
    `<iati-activity last-updated-datetime="${program.updatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z')}">` +
    `<iati-identifier>${xml(`${iatiOrganizationRef(lead.id)}-${program.id}`)}</iati-identifier>` +
    `<reporting-org ref="${xml(iatiOrganizationRef(lead.id))}" type="${IATI_ORGANIZATION_TYPE[lead.kind]}">${narrative(lead.name)}</reporting-org>` +
    `<title>${narrative(program.name)}</title>` +
    `<description>${narrative(program.description ?? program.name)}</description>` +
    participants
      .map(
        ({ role, organization }) =>
          `<participating-org ref="${xml(iatiOrganizationRef(organization.id))}" type="${IATI_ORGANIZATION_TYPE[organization.kind]}" role="${IATI_ROLE[role]}">${narrative(organization.name)}</participating-org>`,
      )
      .join('') +
    `<activity-status code="${status}"/>` +
    `<activity-date type="1" iso-date="${program.startsOn}"/>` +
    (program.endsOn ? `<activity-date type="3" iso-date="${program.endsOn}"/>` : '') +
    resultsXml +
    `</iati-activity></iati-activities>\n`
  );
}

/**
 * A short-lived link that downloads an export without a header (GET /exports/programs/…?token=…),
 * for a person in a browser. Refused as the export itself would be at this moment (NOT_FOUND for a
 * programme the organization is not in, PROGRAM_ROLE while only invited, BAD_USER_INPUT for the
 * range); the download checks everything again, with the session the link names.
 *
 * API keys get none: a key's holder downloads with `Authorization: Bearer <key>`, and a link made
 * for a key could only be checked again later by putting something of the key into the URL.
 */
export async function createExportLink(ctx: RequestContext, input: CreateExportLinkInput): Promise<ExportLink> {
  const principal = await ctx.requirePrincipal();
  if (principal.kind !== 'user') {
    throw forbidden('Download links are for people signed in; with an API key, download with `Authorization: Bearer <key>` instead');
  }
  periodsOfRange(input, ['input']);
  const program = await getProgram(ctx, input.programId, ['input', 'programId']);
  await requireRole(ctx, program, Object.values(ProgramMemberRole), 'read its metrics');
  const { token, expiresAt } = await ctx.services.exportLinks.sign({
    userId: principal.userId,
    organizationId: principal.organizationId,
    sessionId: principal.sessionId,
    programId: program.id,
    format: input.format,
    periodType: input.periodType,
    from: input.from,
    to: input.to,
    disaggregateBy: input.disaggregateBy ?? null,
  });
  return { url: `${exportPath(program.id, input.format)}?token=${token}`, expiresAt };
}
