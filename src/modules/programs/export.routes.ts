import type { ApolloServer, HeaderMap } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import express, { type RequestHandler, type Response } from 'express';
import { ErrorCode } from '../../common/errors';
import { LABEL_LOCALES, labelLocaleOf } from '../../common/locale';
import { RequestContext, type AppServices, type Credential } from '../../context/request-context';
import { EXPORT_FILES, ExportFormat } from './export-links';

/**
 * Downloads: GET /exports/programs/<programId>/results.csv and …/iati.xml, answering the export
 * fields (`programResultsCsv`, `programIatiXml`) as files.
 *
 * Each download runs the field's GraphQL operation through the same Apollo server, its plugins and a
 * RequestContext built as /graphql builds it (apollo.executeOperation), rather than calling the export
 * service directly: authorization (@Authorized, programme role, RLS in the request's transaction),
 * suppression, the cost limits, the heavy request class and its share and statement timeout, rate
 * limits, error masking and the end of the transaction all live in that path, and any check added to
 * it later applies to downloads without anyone remembering them. Arguments go in as variables, so
 * they are coerced and validated by the same schema and the same code.
 *
 * The price: the export is computed as one string before the first byte leaves (as the field does);
 * it is then written in chunks with backpressure (chunked transfer encoding), not built into a second
 * copy. Streaming rows from the database would mean a second export path around the plugins.
 */

/** The query parameters a download with an `Authorization` header takes: the export field's arguments, less programId (in the path). */
const ARGUMENTS = ['periodType', 'from', 'to', 'disaggregateBy'] as const;
const CHUNK_BYTES = 64 * 1024;

const documentOf = (format: ExportFormat) =>
  `query Download($programId: ID!, $periodType: PeriodType, $from: LocalDate!, $to: LocalDate!, $disaggregateBy: Dimension) {
  ${EXPORT_FILES[format].field}(programId: $programId, periodType: $periodType, from: $from, to: $to, disaggregateBy: $disaggregateBy)
}`;

/** HTTP statuses for a download's errors, where the GraphQL response set none: a file answer is all or nothing. */
const STATUS: Partial<Record<string, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.QUERY_TOO_COMPLEX]: 400,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.QUERY_TIMEOUT]: 503,
  BAD_REQUEST: 400,
};

interface Download {
  format: ExportFormat;
  variables: Record<string, string>;
}

function refuse(res: Response, status: number, message: string, extensions: Record<string, unknown>): void {
  res.status(status).set('cache-control', 'no-store').json({ errors: [{ message, extensions }] });
}

/** Link tokens never reach a log line: no request URL is logged, and this is the only place that reads one. */
function readLinkToken(query: Record<string, unknown>): string | null {
  return typeof query.token === 'string' ? query.token : null;
}

/** A filename from the programme id, the format and the range: ASCII, no quotes, nothing a browser could misread. */
function filenameOf(programId: string, format: ExportFormat, variables: Record<string, string>, periodType: string): string {
  const by = variables.disaggregateBy ? `-by-${variables.disaggregateBy.toLowerCase().replace(/_/g, '-')}` : '';
  const extension = EXPORT_FILES[format].file.split('.').pop();
  return `program-${programId}-${EXPORT_FILES[format].label}-${periodType.toLowerCase()}-${variables.from}-to-${variables.to}${by}.${extension}`;
}

/** Writes the body in chunks, waiting for the socket to drain between them; stops if the client goes away. */
async function writeChunked(res: Response, text: string): Promise<void> {
  const body = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < body.length; offset += CHUNK_BYTES) {
    if (res.destroyed) return;
    if (!res.write(body.subarray(offset, offset + CHUNK_BYTES))) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.once('drain', done);
        res.once('close', done);
      });
    }
  }
  if (!res.destroyed) res.end();
}

export function downloadRoutes(options: {
  apollo: ApolloServer<RequestContext>;
  services: AppServices;
  /** Reads an `Authorization` header exactly as /graphql does. */
  credentialFrom(header: string | undefined): Promise<Credential | null>;
  /** Run once the credential is known (res.locals.credential), before the operation: CORS, the fair share's admission. */
  gates: RequestHandler[];
}): express.Router {
  const { apollo, services } = options;
  const router = express.Router();

  /** Which export, with which arguments, as whom: from a signed link (`?token=`), or from the header and the query parameters. */
  const identify: RequestHandler = async (req, res, next) => {
    const format = (Object.keys(EXPORT_FILES) as ExportFormat[]).find((f) => EXPORT_FILES[f].file === req.params.file);
    if (!format) {
      return refuse(res, 404, 'No such download: a programme downloads as results.csv or iati.xml', { code: ErrorCode.NOT_FOUND });
    }
    const programId = String(req.params.programId);
    const query = req.query as Record<string, unknown>;
    const token = readLinkToken(query);
    if ('token' in query) {
      if (token === null) return refuse(res, 400, 'Give `token` once', { code: ErrorCode.BAD_USER_INPUT, argumentPath: ['token'] });
      if (req.headers.authorization) {
        return refuse(res, 400, 'Send either a signed link or an `Authorization` header, not both', { code: 'BAD_REQUEST' });
      }
      const extra = Object.keys(query).filter((name) => name !== 'token');
      if (extra.length) {
        return refuse(res, 400, `A signed link carries its arguments: remove ${extra.map((name) => `\`${name}\``).join(', ')}`, {
          code: ErrorCode.BAD_USER_INPUT,
          argumentPath: [extra[0]],
        });
      }
      const check = await services.exportLinks.verify(token);
      // A link whose path was changed (another programme, another format) is as good as forged.
      if (!check.ok || check.claims.programId !== programId || check.claims.format !== format) {
        const expired = !check.ok && check.reason === 'LINK_EXPIRED';
        return refuse(res, 401, expired ? 'This download link has expired: make a new one (createExportLink)' : 'This download link is not valid: make a new one (createExportLink)', {
          code: ErrorCode.UNAUTHENTICATED,
          reason: expired ? 'LINK_EXPIRED' : 'LINK_INVALID',
        });
      }
      const { claims } = check;
      res.locals.credential = { kind: 'access', claims: { userId: claims.userId, organizationId: claims.organizationId, sessionId: claims.sessionId } } satisfies Credential;
      res.locals.download = {
        format,
        variables: {
          programId,
          periodType: claims.periodType,
          from: claims.from,
          to: claims.to,
          ...(claims.disaggregateBy ? { disaggregateBy: claims.disaggregateBy } : {}),
        },
      } satisfies Download;
      return next();
    }

    const variables: Record<string, string> = { programId };
    for (const [name, value] of Object.entries(query)) {
      if (!(ARGUMENTS as readonly string[]).includes(name)) {
        return refuse(res, 400, `Unknown query parameter \`${name}\`: a download takes ${ARGUMENTS.join(', ')} (or only \`token\`, a signed link)`, {
          code: ErrorCode.BAD_USER_INPUT,
          argumentPath: [name],
        });
      }
      if (typeof value !== 'string') return refuse(res, 400, `Give \`${name}\` once`, { code: ErrorCode.BAD_USER_INPUT, argumentPath: [name] });
      variables[name] = value;
    }
    res.locals.credential = await options.credentialFrom(req.headers.authorization);
    res.locals.download = { format, variables } satisfies Download;
    next();
  };

  const download: RequestHandler = async (req, res, next) => {
    try {
      const { format, variables } = res.locals.download as Download;
      const context = new RequestContext(services, res.locals.credential as Credential | null, req.ip ?? null);
      context.locale = labelLocaleOf(req.acceptsLanguages(...LABEL_LOCALES) || undefined);
      res.once('close', () => {
        if (!res.writableFinished) context.cancel();
      });
      const response = await apollo.executeOperation<Record<string, string>>({ query: documentOf(format), variables }, { contextValue: context });
      const passOn = (headers: HeaderMap) => {
        for (const name of ['x-request-id', 'retry-after']) {
          const value = headers.get(name);
          if (value) res.setHeader(name, value);
        }
      };
      passOn(response.http.headers);
      if (response.body.kind !== 'single') throw new Error('An export answered incrementally');
      const { data, errors } = response.body.singleResult;
      if (errors?.length) return sendErrors(res, response.http.status, errors);
      const text = data?.[EXPORT_FILES[format].field];
      if (typeof text !== 'string') throw new Error('An export answered no text and no error');
      if (res.destroyed) return;
      const filename = filenameOf(variables.programId, format, variables, variables.periodType ?? 'QUARTER');
      res.status(200);
      res.setHeader('content-type', EXPORT_FILES[format].contentType);
      res.setHeader('content-disposition', `attachment; filename="${filename}"`);
      res.setHeader('cache-control', 'no-store');
      await writeChunked(res, text);
    } catch (error) {
      next(error);
    }
  };

  router.get('/exports/programs/:programId/:file', identify, ...options.gates, download);
  return router;
}

/** The operation's errors, as /graphql formats them, with the status a file download answers them with. */
function sendErrors(res: Response, status: number | undefined, errors: readonly GraphQLFormattedError[]): void {
  const code = String(errors[0].extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
  const chosen = status && status !== 200 ? status : (STATUS[code] ?? (code === ErrorCode.INTERNAL_SERVER_ERROR ? 500 : 400));
  res.status(chosen).set('cache-control', 'no-store').json({ errors });
}
