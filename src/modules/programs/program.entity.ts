import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';
import { User } from '../auth/user.entity';
import { Vulnerability } from '../clients/client.enums';
import { Organization } from '../organizations/organization.entity';

/** A joint programme, owned by its lead organization (organization_id). */
@ObjectType({
  description:
    'A joint programme run by several organizations toward shared results (IATI: activity). Visible to its members only, each as its role allows.',
})
@Entity({ name: 'programs' })
@Index('ix_programs_organization_created', ['organizationId', 'createdAt'])
@Check('ck_programs_dates', `ends_on IS NULL OR ends_on >= starts_on`)
@Check('ck_programs_threshold', `suppression_threshold BETWEEN 2 AND 100`)
export class Program {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_programs' })
  @ForeignKey(() => Organization, { name: 'fk_programs_organization', onDelete: 'CASCADE' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_programs' })
  id!: string;

  @Field({ description: 'Name in its own language and script.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the programme does and for whom.' })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Field(() => LocalDateScalar, { description: 'First day of the programme.' })
  @Column({ type: 'date' })
  startsOn!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day of the programme; null while open-ended.' })
  @Column({ type: 'date', nullable: true })
  endsOn!: string | null;

  @Field(() => [String], { description: 'Regions it works in, as written here; the REGION disaggregation uses these values (and OTHER).' })
  @Column({ type: 'text', array: true })
  regions!: string[];

  @Field(() => [Vulnerability], { description: 'The populations it serves.' })
  @Column({ type: 'text', array: true })
  targetPopulations!: Vulnerability[];

  @Field(() => [String], { description: 'Sustainable Development Goal targets it contributes to, e.g. "1.3", "5.2", "16.2".' })
  @Column({ type: 'text', array: true })
  sdgTargets!: string[];

  @Field(() => Int, {
    description: 'Aggregate cells counting fewer people than this are suppressed for funders (default 5; e.g. 10 for gender-based violence or child protection).',
  })
  @Column({ type: 'integer' })
  suppressionThreshold!: number;

  @Column({ type: 'uuid' })
  @ForeignKey(() => User, { name: 'fk_programs_created_by_user' })
  createdByUserId!: string;

  @Field(() => Int, { description: 'Increases on every change; pass it back as `expectedVersion` to update safely.' })
  @VersionColumn({ type: 'integer' })
  version!: number;

  @Field(() => DateTimeScalar, { description: 'When the programme was created.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When it last changed.' })
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
