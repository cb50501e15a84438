import { IsId, NOT_BLANK } from '../../../common/validation';
import { ArrayMaxSize, ArrayUnique, Length, Matches, MaxLength } from 'class-validator';
import { IdempotentInput } from '../../operations/dto/idempotent.input';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../../common/pagination';
import { LocalDateScalar } from '../../../common/scalars';
import { DataCategory } from '../data-category';
import { LegalBasis } from '../partnership.entity';
import { PartnershipStatus } from '../partnership.lifecycle';


@InputType({ description: 'A partnership proposal to another organization, with the data-sharing agreement it would put in force.' })
export class ProposePartnershipInput extends IdempotentInput {
  @Field(() => ID, { description: 'The organization to partner with.' })
  @IsId()
  partnerOrganizationId!: string;

  @Field({ description: 'What the partners will share data for (1–1,000 characters).' })
  @Length(1, 1000)
  @Matches(NOT_BLANK, { message: 'purpose must not be blank' })
  purpose!: string;

  @Field(() => LegalBasis, { description: 'The legal basis for sharing personal data.' })
  legalBasis!: LegalBasis;

  @Field(() => LocalDateScalar, { description: 'First day the agreement is in force.' })
  startsOn!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day the agreement is in force; omit for open-ended.' })
  endsOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Reference to the signed paper agreement (at most 500 characters).' })
  @MaxLength(500)
  agreementReference?: string | null;

  @Field(() => [DataCategory], { description: 'What data may flow from you to the partner. Include REFERRALS to send them referrals.' })
  @ArrayUnique()
  @ArrayMaxSize(10)
  proposerShares!: DataCategory[];

  @Field(() => [DataCategory], { description: 'What data may flow from the partner to you.' })
  @ArrayUnique()
  @ArrayMaxSize(10)
  partnerShares!: DataCategory[];

  @Field(() => String, { nullable: true, description: 'A note for the partner (at most 2,000 characters).' })
  @MaxLength(2000)
  note?: string | null;
}

@InputType({ description: "A change of a partnership's status: accept, decline, suspend, resume (ACTIVE) or end." })
export class ChangePartnershipStatusInput {
  @Field(() => ID, { description: 'The partnership.' })
  @IsId()
  partnershipId!: string;

  @Field(() => Int, { description: 'The `version` you read; if the partnership changed since, the answer is CONFLICT.' })
  expectedVersion!: number;

  @Field(() => PartnershipStatus, { description: 'The new status.' })
  status!: PartnershipStatus;

  @Field(() => String, { nullable: true, description: 'Why (at most 2,000 characters); shown to both sides in the history.' })
  @MaxLength(2000)
  note?: string | null;
}

@ArgsType()
export class PartnershipsArgs extends PageArgs {
  @Field(() => [PartnershipStatus], { nullable: true, description: 'Only partnerships in these statuses.' })
  statuses?: PartnershipStatus[] | null;
}
