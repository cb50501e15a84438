import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../common/scalars';
import { ClientMatchStatus } from './client-match.lifecycle';
import { MatchKeyKind } from './match-keys';

registerEnumType(MatchKeyKind, {
  name: 'MatchStrength',
  description: 'How closely two records agree. Names are compared folded (case, accents and tone marks, Arabic vowel marks and letter forms ignored) and in any order.',
  valuesConfig: {
    EXACT_DATE: { description: 'Same folded name, same birth date, same sex' },
    BIRTH_YEAR: { description: 'Same folded name, same birth year (a different day or month), same sex' },
  },
});

registerEnumType(ClientMatchStatus, {
  name: 'ClientMatchStatus',
  description: 'Where a possible match between two organizations stands.',
  valuesConfig: {
    PROPOSED: { description: 'Found by a lookup; waiting for both organizations to confirm it' },
    CONFIRMED: { description: 'Both organizations confirmed that their records are of the same person: programmes count them once' },
    REJECTED: { description: 'One organization said the records are of different people (or undid a link); not shown any more' },
  },
});

@ObjectType({
  description:
    "A possible match: another organization may hold a record of the same person as your client. It names that organization and nothing of its record (no name, no id). Offered only while an ACTIVE partnership lets CLIENT_MATCHING flow both ways and the person's MATCHING consent is in force on both records; a confirmed link stays until either side rejects it.",
})
export class ClientMatch {
  @Field(() => ID, { description: 'Stable identifier (UUID); the same for both organizations.' })
  id!: string;

  @Field(() => ID, { description: "Your organization's client the match is about." })
  clientId!: string;

  /** The other organization: shown through the `organization` field. */
  organizationId!: string;

  @Field(() => MatchKeyKind, { description: 'How closely the two records agree.' })
  strength!: MatchKeyKind;

  @Field(() => ClientMatchStatus, { description: 'Where the match stands.' })
  status!: ClientMatchStatus;

  @Field({ description: 'Whether your organization has confirmed the match.' })
  confirmedByYourOrganization!: boolean;

  @Field({ description: 'Whether the other organization has confirmed the match.' })
  confirmedByOtherOrganization!: boolean;

  @Field(() => Int, { description: 'Increases on every change; pass it back as `expectedVersion` to confirm or reject safely.' })
  version!: number;

  @Field(() => DateTimeScalar, { description: 'When a lookup first found the match.' })
  proposedAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the match last changed.' })
  updatedAt!: Date;
}

@ObjectType({ description: "What a lookup of a client's possible matches found: the client's matches as they stand now (none when no rule allows one, exactly as when nobody matches)." })
export class ClientMatchLookup {
  /** The client's id: what the mutation's audit event names. */
  id!: string;

  @Field(() => ID, { description: 'The client looked up.' })
  clientId!: string;

  @Field(() => [ClientMatch], { description: "The client's matches that may be shown: confirmed links, and proposals while the rules hold." })
  matches!: ClientMatch[];
}
