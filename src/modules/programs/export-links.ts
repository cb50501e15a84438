import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { z } from 'zod';
import { IsId } from '../../common/validation';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';
import type { Config } from '../../config';
import { Dimension, PeriodType } from './program.enums';

const ISSUER = 'ngo-commons';
/** Not the access tokens' audience, and signed with another key: a link is never a session, nor a session a link. */
const AUDIENCE = 'ngo-commons-export-link';

export enum ExportFormat {
  CSV = 'CSV',
  IATI_XML = 'IATI_XML',
}

registerEnumType(ExportFormat, {
  name: 'ExportFormat',
  description: "A programme export's file format.",
  valuesConfig: {
    CSV: { description: 'The results as CSV, as `programResultsCsv` answers it (results.csv)' },
    IATI_XML: { description: 'The results as an IATI 2.03 activity document, as `programIatiXml` answers it (iati.xml)' },
  },
});

/** The file each format downloads as, the last segment of its path under /exports/programs/<programId>/. */
export const EXPORT_FILES: Record<ExportFormat, { file: string; field: 'programResultsCsv' | 'programIatiXml'; contentType: string; label: string }> = {
  CSV: { file: 'results.csv', field: 'programResultsCsv', contentType: 'text/csv; charset=utf-8', label: 'results' },
  IATI_XML: { file: 'iati.xml', field: 'programIatiXml', contentType: 'application/xml; charset=utf-8', label: 'iati' },
};

export const exportPath = (programId: string, format: ExportFormat) => `/exports/programs/${programId}/${EXPORT_FILES[format].file}`;

@InputType({ description: "A download link for one export of a programme, with the same arguments as the export's field." })
export class CreateExportLinkInput {
  @Field(() => ID, { description: 'The programme.' })
  @IsId()
  programId!: string;

  @Field(() => ExportFormat, { description: 'CSV (as `programResultsCsv`) or IATI_XML (as `programIatiXml`).' })
  format!: ExportFormat;

  @Field(() => PeriodType, { defaultValue: PeriodType.QUARTER, description: 'Period of the time series.' })
  periodType!: PeriodType;

  @Field(() => LocalDateScalar, { description: 'Start of the range (the period it falls in is included).' })
  from!: string;

  @Field(() => LocalDateScalar, { description: 'End of the range (the period it falls in is included); at most 60 periods.' })
  to!: string;

  @Field(() => Dimension, {
    nullable: true,
    description: "Without it, overall rows plus every dimension each indicator is reported by; with it, overall rows plus this dimension's rows only.",
  })
  disaggregateBy?: Dimension | null;
}

@ObjectType({ description: 'A short-lived link that downloads one export as a file, without any header: for a browser (a plain link or `window.location`).' })
export class ExportLink {
  @Field({
    description:
      "The download's path and query (`/exports/programs/<id>/results.csv?token=…`), relative to the API's origin: resolve it against the URL you send GraphQL requests to, e.g. `new URL(url, 'https://api.example.org/graphql')`. Anyone holding it can download the file until it expires, as you: do not share or log it.",
  })
  url!: string;

  @Field(() => DateTimeScalar, { description: 'When the link stops working (a few minutes after it was made). It also stops when your session ends.' })
  expiresAt!: Date;
}

/** What a link binds: who asked (a person's session), for which organization, programme, format and arguments. */
export interface ExportLinkClaims {
  userId: string;
  organizationId: string;
  sessionId: string;
  programId: string;
  format: ExportFormat;
  periodType: PeriodType;
  from: string;
  to: string;
  disaggregateBy: Dimension | null;
}

const payloadSchema = z.object({
  sub: z.guid(),
  org: z.guid(),
  sid: z.guid(),
  prg: z.guid(),
  fmt: z.enum(ExportFormat),
  per: z.enum(PeriodType),
  frm: z.string(),
  to: z.string(),
  dis: z.enum(Dimension).nullable(),
});

export type ExportLinkCheck = { ok: true; claims: ExportLinkClaims } | { ok: false; reason: 'LINK_EXPIRED' | 'LINK_INVALID' };

declare module '../../context/request-context' {
  interface AppServices {
    /** Signs and checks download links (programs module). */
    exportLinks: ExportLinks;
  }
}

/** Signs and checks download links: a JWS (HS256) with its own key (EXPORT_LINK_SECRET) and audience. */
export class ExportLinks {
  private readonly key: Uint8Array;

  constructor(private readonly config: Config['exportLinks']) {
    this.key = new TextEncoder().encode(config.secret);
  }

  /** `issuedAt` is the clock's time unless given (tests make links that have already expired). */
  async sign(claims: ExportLinkClaims, issuedAt = new Date()): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(issuedAt.getTime() + this.config.ttlSeconds * 1000);
    const token = await new SignJWT({
      org: claims.organizationId,
      sid: claims.sessionId,
      prg: claims.programId,
      fmt: claims.format,
      per: claims.periodType,
      frm: claims.from,
      to: claims.to,
      dis: claims.disaggregateBy,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  /** The link's claims, or why it is refused: expired, or anything else (malformed, forged, altered, another key's). */
  async verify(token: string): Promise<ExportLinkCheck> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['sub', 'exp'] });
      const parsed = payloadSchema.safeParse(payload);
      if (!parsed.success) return { ok: false, reason: 'LINK_INVALID' };
      const p = parsed.data;
      return {
        ok: true,
        claims: {
          userId: p.sub,
          organizationId: p.org,
          sessionId: p.sid,
          programId: p.prg,
          format: p.fmt,
          periodType: p.per,
          from: p.frm,
          to: p.to,
          disaggregateBy: p.dis,
        },
      };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return { ok: false, reason: 'LINK_EXPIRED' };
      if (error instanceof joseErrors.JOSEError) return { ok: false, reason: 'LINK_INVALID' };
      throw error;
    }
  }
}
