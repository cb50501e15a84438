import { IsId, NOT_BLANK } from '../../../common/validation';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsISO31661Alpha2,
  IsInt,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IdempotentInput } from '../../operations/dto/idempotent.input';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { BidirectionalPageArgs } from '../../../common/pagination';
import { LatitudeScalar, LocaleScalar, LongitudeScalar } from '../../../common/scalars';
import { ServiceStatus } from '../service.entity';


@InputType({ description: 'A place where a service is delivered (HSDS: location and address).' })
export class LocationInput {
  @Field(() => String, { nullable: true, description: 'Name of the place (at most 200 characters).' })
  @MaxLength(200)
  name?: string | null;

  @Field({ description: 'Street address (1–500 characters).' })
  @Length(1, 500)
  @Matches(NOT_BLANK, { message: 'address1 must not be blank' })
  address1!: string;

  @Field(() => String, { nullable: true, description: 'City, town or district (at most 200 characters).' })
  @MaxLength(200)
  city?: string | null;

  @Field({ description: 'Province, state or region (1–200 characters); the directory filters on it.' })
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'region must not be blank' })
  region!: string;

  @Field(() => String, { nullable: true, description: 'Postal code (at most 20 characters).' })
  @MaxLength(20)
  postalCode?: string | null;

  @Field({ description: 'ISO 3166-1 alpha-2 country code, e.g. "VN".' })
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code such as "VN"' })
  country!: string;

  @Field(() => LatitudeScalar, { nullable: true, description: 'WGS 84 latitude.' })
  latitude?: number | null;

  @Field(() => LongitudeScalar, { nullable: true, description: 'WGS 84 longitude.' })
  longitude?: number | null;
}

@InputType({ description: "A service's capacity as published now (HSDS 3.1 draft: service_capacity)." })
export class ServiceCapacityInput {
  @Field({ description: 'What is counted, e.g. "beds" (1–100 characters).' })
  @Length(1, 100)
  @Matches(NOT_BLANK, { message: 'unit must not be blank' })
  unit!: string;

  @Field(() => Int, { description: 'How many are free now (0 or more, at most `maximum`).' })
  @IsInt()
  @Min(0)
  available!: number;

  @Field(() => Int, { nullable: true, description: 'How many there are in all (0 or more).' })
  @IsInt()
  @Min(0)
  maximum?: number | null;

  @Field(() => String, { nullable: true, description: 'Anything a sender should know (at most 1,000 characters).' })
  @MaxLength(1000)
  description?: string | null;
}

@InputType({ description: 'A new service in the directory, offered by the acting organization.' })
export class CreateServiceInput extends IdempotentInput {
  @Field({ description: 'Name in its own language and script (1–200 characters).' })
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the service does (at most 4,000 characters).' })
  @MaxLength(4000)
  description?: string | null;

  @Field({ description: 'Code of a category from `serviceCategories`, e.g. "PHYSICAL_REHABILITATION".' })
  @MaxLength(100)
  categoryCode!: string;

  @Field(() => String, { nullable: true, description: 'Who the service is for (at most 2,000 characters).' })
  @MaxLength(2000)
  eligibilityDescription?: string | null;

  @Field(() => [LocaleScalar], { description: 'Languages the service is delivered in (1–20 BCP 47 tags), e.g. ["vi", "hmn"].' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  languages!: string[];

  @Field(() => String, { nullable: true, description: 'Opening hours in words (at most 500 characters).' })
  @MaxLength(500)
  scheduleDescription?: string | null;

  @Field({ defaultValue: true, description: 'Whether it takes referrals from now on.' })
  acceptingReferrals: boolean = true;

  @Field(() => [LocationInput], { defaultValue: [], description: 'Where it is delivered (at most 20 places).' })
  @ArrayMaxSize(20)
  @ValidateNested()
  locations!: LocationInput[];

  @Field(() => ServiceCapacityInput, { nullable: true, description: 'Capacity to publish now, if the service counts it.' })
  @ValidateNested()
  capacity?: ServiceCapacityInput | null;
}

@InputType({ description: 'Changes to one of the acting organization\'s services; omitted fields stay as they are.' })
export class UpdateServiceInput {
  @Field(() => ID, { description: 'The service to change.' })
  @IsId()
  serviceId!: string;

  @Field(() => Int, { description: 'The `version` you read; if the service changed since, the answer is CONFLICT.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'New name (1–200 characters).' })
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name?: string;

  @Field(() => String, { nullable: true, description: 'New description; null clears it.' })
  @MaxLength(4000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'New category code.' })
  @MaxLength(100)
  categoryCode?: string;

  @Field(() => String, { nullable: true, description: 'New eligibility text; null clears it.' })
  @MaxLength(2000)
  eligibilityDescription?: string | null;

  @Field(() => [LocaleScalar], { nullable: true, description: 'New languages (1–20 BCP 47 tags).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  languages?: string[];

  @Field(() => String, { nullable: true, description: 'New opening hours; null clears them.' })
  @MaxLength(500)
  scheduleDescription?: string | null;

  @Field(() => ServiceStatus, { nullable: true, description: 'New status. A service that is not ACTIVE takes no referrals.' })
  status?: ServiceStatus;

  @Field(() => Boolean, { nullable: true, description: 'Whether it takes new referrals.' })
  acceptingReferrals?: boolean;
}

@InputType({ description: 'New capacity figures for one of the acting organization\'s services.' })
export class UpdateServiceCapacityInput extends ServiceCapacityInput {
  @Field(() => ID, { description: 'The service.' })
  @IsId()
  serviceId!: string;
}

@ArgsType()
export class ServicesArgs extends BidirectionalPageArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Text in the name, description or eligibility, in any script; case and accents are ignored ("phuc hoi" finds "Phục hồi").',
  })
  @MaxLength(200)
  search?: string | null;

  @Field(() => String, { nullable: true, description: 'Only services in this category (a code from `serviceCategories`).' })
  @MaxLength(100)
  categoryCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Only services delivered at a location in this region (case and accents ignored).' })
  @MaxLength(200)
  region?: string | null;

  @Field(() => LocaleScalar, { nullable: true, description: 'Only services delivered in this language; "vi" also matches "vi-VN".' })
  language?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only services taking referrals now; false: only those that are not.' })
  acceptingReferrals?: boolean | null;

  @Field(() => ID, { nullable: true, description: "Only this organization's services." })
  @IsId()
  organizationId?: string | null;

  @Field({ defaultValue: false, description: 'Include services that are INACTIVE or TEMPORARILY_CLOSED.' })
  includeInactive: boolean = false;
}
