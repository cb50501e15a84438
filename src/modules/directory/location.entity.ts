import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { numericAsNumber } from '../../common/columns';
import { LatitudeScalar, LongitudeScalar } from '../../common/scalars';
import { Organization } from '../organizations/organization.entity';


@ObjectType({ description: 'A place where services are delivered (HSDS: location, with its physical address).' })
@Entity({ name: 'locations' })
export class Location {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_locations' })
  @ForeignKey(() => Organization, { name: 'fk_locations_organization', onDelete: 'CASCADE' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_locations' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Name of the place, e.g. "Cơ sở 2" (HSDS: location.name).' })
  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Field({ description: 'Street address (HSDS: address.address_1).' })
  @Column({ type: 'text' })
  address1!: string;

  @Field(() => String, { nullable: true, description: 'City, town or district (HSDS: address.city).' })
  @Column({ type: 'text', nullable: true })
  city!: string | null;

  @Field({ description: 'Province, state or region, e.g. "Lào Cai" (HSDS: address.region). The directory filters on it.' })
  @Column({ type: 'text' })
  region!: string;

  @Field(() => String, { nullable: true, description: 'Postal code (HSDS: address.postal_code).' })
  @Column({ type: 'text', nullable: true })
  postalCode!: string | null;

  @Field({ description: 'ISO 3166-1 alpha-2 country code (HSDS: address.country).' })
  @Column({ type: 'text' })
  country!: string;

  @Field(() => LatitudeScalar, { nullable: true, description: 'WGS 84 latitude (HSDS: location.latitude).' })
  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true, transformer: numericAsNumber })
  latitude!: number | null;

  @Field(() => LongitudeScalar, { nullable: true, description: 'WGS 84 longitude (HSDS: location.longitude).' })
  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true, transformer: numericAsNumber })
  longitude!: number | null;

  /** Region folded for matching regardless of accents and case. */
  @Column({ type: 'text' })
  searchRegion!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
