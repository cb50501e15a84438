import { NOT_BLANK } from '../../../common/validation';
import { IsInt, IsOptional, IsUrl, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, Int, InputType } from 'type-graphql';
import { PageArgs } from '../../../common/pagination';
import { OrganizationKind } from '../organization.entity';


@InputType({ description: "A new organization's public profile." })
export class NewOrganizationInput {
  @Field({ description: 'Name in its own language and script (1–200 characters).' })
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @Field(() => OrganizationKind, { description: 'What kind of body it is.' })
  kind!: OrganizationKind;

  @Field({ description: 'ISO 3166-1 alpha-2 country code, upper case, e.g. "VN".' })
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be two upper-case letters (ISO 3166-1 alpha-2), e.g. "VN"' })
  countryCode!: string;

  @Field(() => String, { nullable: true, description: 'Province, state or region it mainly serves (at most 200 characters).' })
  @MaxLength(200)
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'What it does (at most 2,000 characters).' })
  @MaxLength(2000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Public website, an http(s) URL.' })
  @MaxLength(500)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'website must be an http(s) URL' })
  website?: string | null;
}

@InputType({ description: "Changes to the acting organization's public profile; omitted fields stay as they are, null clears an optional field." })
export class UpdateOrganizationInput {
  @Field(() => String, { nullable: true, description: 'New name (1–200 characters).' })
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name?: string;

  @Field(() => String, { nullable: true, description: 'New region (at most 200 characters).' })
  @MaxLength(200)
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'New description (at most 2,000 characters).' })
  @MaxLength(2000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'New website, an http(s) URL.' })
  @MaxLength(500)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'website must be an http(s) URL' })
  website?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "How many days (0–3,650) organizations that receive this organization's referrals keep seeing the client's shared fields after a referral is completed or closed; null for the platform's default (90). Applies to referrals that end from now on.",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  receiverAccessDays?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Record retention in days (30–36,500): a client's record closed for longer is erased by the platform (see docs/data-protection.md); null to keep records until someone erases them.",
  })
  @IsOptional()
  @IsInt()
  @Min(30)
  @Max(36500)
  recordRetentionDays?: number | null;
}

@ArgsType()
export class OrganizationsArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Only organizations whose name or region contains this text, ignoring case and accents ("ha giang" finds "Hà Giang").',
  })
  @MaxLength(200)
  search?: string | null;

  @Field(() => OrganizationKind, { nullable: true, description: 'Only organizations of this kind.' })
  kind?: OrganizationKind | null;

  @Field(() => String, { nullable: true, description: 'Only organizations in this country (ISO 3166-1 alpha-2).' })
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be two upper-case letters (ISO 3166-1 alpha-2)' })
  countryCode?: string | null;
}
