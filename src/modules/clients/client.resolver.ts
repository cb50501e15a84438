import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { joinedOr } from '../../common/hot-read';
import { Connection, connectionSelection, TOTAL_COUNT } from '../../common/pagination';
import { Permission } from '../../common/permissions';
import { assertUuid } from '../../common/validation';
import type { RequestContext } from '../../context/request-context';
import { User } from '../auth/user.entity';
import { userLoader } from '../auth/user.loaders';
import { serviceLoader } from '../directory/directory.loaders';
import { Service } from '../directory/service.entity';
import { Organization } from '../organizations/organization.entity';
import { organizationLoader } from '../organizations/organization.loaders';
import { consentInForce } from './client-field';
import { clientConsentsLoader } from './client.loaders';
import { correctClient, getClient, listClients, recordConsent, registerClient, registeredClient, revokeConsent, updateClient } from './client.service';
import { eraseClient } from './client.erasure';
import { clientRecord } from './client.record';
import { JSONObjectScalar } from '../../common/scalars';
import { ClientRecord } from './client.entity';
import { Client } from './client.views';
import { Consent } from './consent.entity';
import { ClientsArgs, CorrectClientInput, EraseClientInput, RecordConsentInput, RegisterClientInput, RevokeConsentInput, UpdateClientInput } from './dto/client.inputs';
import { Idempotent } from '../operations/idempotency';

export const ClientConnection = Connection(Client, 'Client', "A page of the acting organization's clients, by name.", { pagesBack: true, totalCount: TOTAL_COUNT });

@Resolver(() => Client)
export class ClientResolver {
  @Authorized(Permission.CLIENTS_READ)
  @Query(() => Client, { description: "One of the acting organization's clients. Audited." })
  client(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The client id.' }) id: string) {
    assertUuid(id, ['id']);
    return getClient(ctx, id);
  }

  @Authorized(Permission.CLIENT_RECORD_EXPORT)
  @Query(() => JSONObjectScalar, {
    description:
      "Everything the acting organization holds about one of its clients, as one JSON document, for a subject access request: the record and its history, consents, links to partners' records of the same person, referrals with their timelines, programme enrolments with their service deliveries, and every audited access (other organizations' reads through referrals too). The shape is versioned by its `format` field and described in docs/data-protection.md. Audited. Admins and coordinators.",
  })
  clientRecord(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The client id.' }) id: string) {
    assertUuid(id, ['id']);
    return clientRecord(ctx, id);
  }

  @Authorized(Permission.CLIENTS_READ)
  @Query(() => ClientConnection, { description: "The acting organization's clients, by name (accents and case ignored). Audited." })
  clients(@Ctx() ctx: RequestContext, @Args(() => ClientsArgs) args: ClientsArgs, @Info() info: GraphQLResolveInfo) {
    return listClients(ctx, args, connectionSelection(info));
  }

  @Authorized(Permission.CLIENTS_WRITE)
  @Mutation(() => Client, { description: 'Registers a person the acting organization helps. Caseworkers, coordinators and admins.' })
  @Idempotent(ClientRecord, registeredClient)
  registerClient(@Ctx() ctx: RequestContext, @Arg('input', () => RegisterClientInput) input: RegisterClientInput) {
    return registerClient(ctx, input);
  }

  @Authorized(Permission.CLIENTS_WRITE)
  @Mutation(() => Client, { description: "Changes a client's record; the previous values are kept in its history. Caseworkers, coordinators and admins." })
  updateClient(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateClientInput) input: UpdateClientInput) {
    return updateClient(ctx, input);
  }

  @Authorized(Permission.CLIENTS_WRITE)
  @Mutation(() => Client, {
    description:
      "Corrects a client's record (the right to rectification): any field, the birth date too, with a reason. The previous values and the reason are kept in the record's history (see `clientRecord`). Caseworkers, coordinators and admins.",
  })
  correctClient(@Ctx() ctx: RequestContext, @Arg('input', () => CorrectClientInput) input: CorrectClientInput) {
    return correctClient(ctx, input);
  }

  @Authorized(Permission.CLIENTS_ERASE)
  @Mutation(() => Client, {
    description:
      "Erases a client's personal details everywhere the organization holds them (the right to erasure): the record, its history, consents' text, referrals' text and timeline notes, stored request digests. Keeps the id, sex and age band, so programme figures do not change. Partners that received referrals of the client see it as erased and are told (CLIENT_ERASED). Cannot be undone. Audited. Admins only.",
  })
  eraseClient(@Ctx() ctx: RequestContext, @Arg('input', () => EraseClientInput) input: EraseClientInput) {
    return eraseClient(ctx, input);
  }

  @Authorized(Permission.CLIENTS_WRITE)
  @Mutation(() => Consent, { description: "Records a client's consent to share chosen fields with an organization. Caseworkers, coordinators and admins." })
  @Idempotent(Consent)
  recordConsent(@Ctx() ctx: RequestContext, @Arg('input', () => RecordConsentInput) input: RecordConsentInput) {
    return recordConsent(ctx, input);
  }

  @Authorized(Permission.CLIENTS_WRITE)
  @Mutation(() => Consent, {
    description: 'Withdraws a consent: from now on the recipient sees none of the fields it covered. Caseworkers, coordinators and admins.',
  })
  revokeConsent(@Ctx() ctx: RequestContext, @Arg('input', () => RevokeConsentInput) input: RevokeConsentInput) {
    return revokeConsent(ctx, input);
  }

  @FieldResolver(() => [Consent], { description: "The client's consents, oldest first, including revoked and expired ones." })
  consents(@Root() client: Client, @Ctx() ctx: RequestContext) {
    return joinedOr(client, 'consents', () => ctx.loader(clientConsentsLoader).load(client));
  }
}

@Resolver(() => Consent)
export class ConsentResolver {
  @FieldResolver(() => Organization, { description: 'The organization the client agreed to share with.' })
  recipientOrganization(@Root() consent: Consent, @Ctx() ctx: RequestContext) {
    return ctx.loader(organizationLoader).load(consent.recipientOrganizationId);
  }

  @FieldResolver(() => Service, { nullable: true, description: 'The one service the consent is for, if it names one.' })
  recipientService(@Root() consent: Consent, @Ctx() ctx: RequestContext) {
    return consent.recipientServiceId
      ? ctx.loader(serviceLoader).load({ organizationId: consent.recipientOrganizationId, id: consent.recipientServiceId })
      : null;
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: "The member who recorded the consent. Shown to the client's organization; null for the recipient.",
  })
  recordedBy(@Root() consent: Consent, @Ctx() ctx: RequestContext) {
    return ctx.loader(userLoader).load(consent.recordedByUserId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The member who revoked the consent, once revoked.' })
  revokedBy(@Root() consent: Consent, @Ctx() ctx: RequestContext) {
    return consent.revokedByUserId ? ctx.loader(userLoader).load(consent.revokedByUserId) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the consent covers sharing now: not revoked and not expired.' })
  inForce(@Root() consent: Consent) {
    return consentInForce(consent, new Date());
  }
}
