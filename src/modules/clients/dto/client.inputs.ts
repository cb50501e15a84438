import { IsId, NOT_BLANK } from '../../../common/validation';
import { ArrayMaxSize, ArrayUnique, IsEmail, Length, Matches, MaxLength } from 'class-validator';
import { IdempotentInput } from '../../operations/dto/idempotent.input';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { BidirectionalPageArgs } from '../../../common/pagination';
import { DateTimeScalar, LocalDateScalar, LocaleScalar } from '../../../common/scalars';
import { ClientField } from '../client-field';
import { AgeBand, ConsentMethod, ConsentScope, ErasureReason, Sex, Vulnerability } from '../client.enums';


@InputType({ description: 'A new client of the acting organization. Give a birth date or, when it is not known, an age band.' })
export class RegisterClientInput extends IdempotentInput {
  @Field({ description: 'Full name as the person writes it, in any script (1–300 characters).' })
  @Length(1, 300)
  @Matches(NOT_BLANK, { message: 'fullName must not be blank' })
  fullName!: string;

  @Field(() => String, { nullable: true, description: 'What the person likes to be called (at most 200 characters).' })
  @MaxLength(200)
  preferredName?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of birth, not in the future.' })
  birthDate?: string | null;

  @Field(() => AgeBand, { nullable: true, description: 'Age band, when the birth date is not known.' })
  ageBand?: AgeBand | null;

  @Field(() => Sex, { description: 'Sex as recorded for reporting; UNKNOWN when not known or not given.' })
  sex!: Sex;

  @Field(() => String, { nullable: true, description: 'Gender identity in the person\'s own words (at most 100 characters).' })
  @MaxLength(100)
  genderIdentity?: string | null;

  @Field(() => LocaleScalar, { nullable: true, description: 'Preferred language, a BCP 47 tag.' })
  preferredLanguage?: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number (at most 50 characters).' })
  @MaxLength(50)
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Email address.' })
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Home address (at most 500 characters).' })
  @MaxLength(500)
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'Province or region (at most 200 characters).' })
  @MaxLength(200)
  region?: string | null;

  @Field(() => [Vulnerability], { defaultValue: [], description: 'Populations the person belongs to.' })
  @ArrayUnique()
  vulnerabilities!: Vulnerability[];
}

@InputType({ description: "Changes to a client's record; omitted fields stay as they are, null clears an optional field." })
export class UpdateClientInput {
  @Field(() => ID, { description: 'The client.' })
  @IsId()
  clientId!: string;

  @Field(() => Int, { description: 'The `version` you read; if the record changed since, the answer is CONFLICT.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'New full name (1–300 characters).' })
  @Length(1, 300)
  @Matches(NOT_BLANK, { message: 'fullName must not be blank' })
  fullName?: string;

  @Field(() => String, { nullable: true, description: 'New preferred name.' })
  @MaxLength(200)
  preferredName?: string | null;

  @Field(() => Sex, { nullable: true, description: 'New sex.' })
  sex?: Sex;

  @Field(() => String, { nullable: true, description: 'New gender identity.' })
  @MaxLength(100)
  genderIdentity?: string | null;

  @Field(() => LocaleScalar, { nullable: true, description: 'New preferred language.' })
  preferredLanguage?: string | null;

  @Field(() => String, { nullable: true, description: 'New phone number.' })
  @MaxLength(50)
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'New email address.' })
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'New address.' })
  @MaxLength(500)
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'New region.' })
  @MaxLength(200)
  region?: string | null;

  @Field(() => [Vulnerability], { nullable: true, description: 'The full new list of vulnerability markers.' })
  @ArrayUnique()
  vulnerabilities?: Vulnerability[];
}

@InputType({
  description:
    "A correction of a client's record at the person's request or on finding an error (the right to rectification): any field, the birth date too. The previous values are kept in the record's history with the reason.",
})
export class CorrectClientInput extends UpdateClientInput {
  @Field(() => LocalDateScalar, { nullable: true, description: 'The correct date of birth (not in the future); replaces an age band.' })
  birthDate?: string | null;

  @Field(() => AgeBand, { nullable: true, description: 'The correct age band, when the birth date is not known; clears the birth date.' })
  ageBand?: AgeBand | null;

  @Field({ description: 'Why, e.g. "Name misspelt; corrected at the person\'s request" (1–1,000 characters). Kept in the history and erased with the record.' })
  @Length(1, 1000)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;
}

@InputType({ description: "Erases a client's personal details everywhere the organization holds them. It cannot be undone." })
export class EraseClientInput {
  @Field(() => ID, { description: 'The client.' })
  @IsId()
  clientId!: string;

  @Field(() => Int, { nullable: true, description: 'The `version` you read; if given and the record changed since, the answer is CONFLICT.' })
  expectedVersion?: number | null;

  @Field(() => ErasureReason, { description: 'The ground for erasure. A choice, not free text: free text could name the person.' })
  reason!: ErasureReason;
}

@InputType({ description: "A client's consent to share chosen fields with one organization." })
export class RecordConsentInput extends IdempotentInput {
  @Field(() => ID, { description: 'The client who consents.' })
  @IsId()
  clientId!: string;

  @Field(() => ID, { description: 'The organization the client agrees to share with.' })
  @IsId()
  recipientOrganizationId!: string;

  @Field(() => ID, { nullable: true, description: "Optionally, the one service of that organization the consent is for." })
  @IsId()
  recipientServiceId?: string | null;

  @Field({ description: 'What the client agreed to, in the words used with them (1–1,000 characters).' })
  @Length(1, 1000)
  @Matches(NOT_BLANK, { message: 'purpose must not be blank' })
  purpose!: string;

  @Field(() => ConsentScope, {
    defaultValue: ConsentScope.SHARING,
    description: 'SHARING (the default): the recipient may see `sharedFields`. MATCHING: the client agrees to be matched with the recipient; `sharedFields` must then be empty.',
  })
  scope!: ConsentScope;

  @Field(() => [ClientField], { description: 'The fields the recipient may see. May be empty: a referral without personal details.' })
  @ArrayUnique()
  @ArrayMaxSize(20)
  sharedFields!: ClientField[];

  @Field(() => ConsentMethod, { description: 'How consent was given.' })
  method!: ConsentMethod;

  @Field(() => String, { nullable: true, description: 'Who gave consent when not the client; required for GUARDIAN (at most 300 characters).' })
  @MaxLength(300)
  givenBy?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When consent was given; defaults to now; not in the future.' })
  givenAt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When consent lapses; must be in the future.' })
  expiresAt?: Date | null;
}

@InputType({ description: 'Withdraws a consent. The recipient stops seeing the fields at once; referral history stays.' })
export class RevokeConsentInput {
  @Field(() => ID, { description: 'The consent to withdraw.' })
  @IsId()
  consentId!: string;

  @Field({ description: 'Why, e.g. "Client withdrew consent by phone" (1–1,000 characters).' })
  @Length(1, 1000)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;
}

@ArgsType()
export class ClientsArgs extends BidirectionalPageArgs {
  @Field(() => String, { nullable: true, description: 'Text in the full or preferred name; case and accents are ignored.' })
  @MaxLength(200)
  search?: string | null;
}
