import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { DateTimeScalar } from '../../common/scalars';
import { User } from '../auth/user.entity';
import { Service } from '../directory/service.entity';
import { Organization } from '../organizations/organization.entity';
import { ClientField } from './client-field';
import { ClientRecord } from './client.entity';
import { ConsentMethod, ConsentScope } from './client.enums';

/**
 * A client's consent to share chosen fields with one organization (optionally for one service).
 * Never edited: revoking sets revoked_at, and a new consent is a new row. RLS shows it to the
 * client's organization and to the recipient, whose view of the client depends on it.
 */
@ObjectType({
  description:
    "A client's consent to share chosen fields of their record with one organization, for a purpose. It can expire and be revoked; it is never edited.",
})
@Entity({ name: 'consents' })
@ForeignKey(() => ClientRecord, ['organizationId', 'clientId'], ['organizationId', 'id'], { name: 'fk_consents_client', onDelete: 'CASCADE' })
@ForeignKey(() => Service, ['recipientOrganizationId', 'recipientServiceId'], ['organizationId', 'id'], { name: 'fk_consents_recipient_service' })
@Index('ix_consents_organization_client', ['organizationId', 'clientId', 'createdAt'])
@Index('ix_consents_recipient_organization', ['recipientOrganizationId', 'organizationId'])
@Check('ck_consents_method', `method IN ('WRITTEN', 'VERBAL', 'GUARDIAN')`)
@Check('ck_consents_guardian', `method <> 'GUARDIAN' OR given_by IS NOT NULL`)
@Check('ck_consents_scope', `scope IN ('SHARING', 'MATCHING')`)
@Check('ck_consents_matching_shares_nothing', `scope <> 'MATCHING' OR cardinality(shared_fields) = 0`)
export class Consent {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_consents' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_consents' })
  id!: string;

  @Column({ type: 'uuid' })
  clientId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => Organization, { name: 'fk_consents_recipient_organization' })
  recipientOrganizationId!: string;

  @Column({ type: 'uuid', nullable: true })
  recipientServiceId!: string | null;

  @Field({ description: 'What the client agreed to, e.g. "Referral for physical rehabilitation at the provincial hospital".' })
  @Column({ type: 'text' })
  purpose!: string;

  @Field(() => ConsentScope, { description: 'What the consent is for: sharing fields (SHARING) or being matched with the recipient (MATCHING).' })
  @Column({ type: 'text' })
  scope!: ConsentScope;

  @Field(() => [ClientField], { description: 'The fields of the client record the recipient may see. Other fields stay hidden.' })
  @Column({ type: 'text', array: true })
  sharedFields!: ClientField[];

  @Field(() => ConsentMethod, { description: 'How consent was given.' })
  @Column({ type: 'text' })
  method!: ConsentMethod;

  @Field(() => String, { nullable: true, description: 'Who gave consent when not the client, e.g. "Nguyễn Văn B, legal guardian".' })
  @Column({ type: 'text', nullable: true })
  givenBy!: string | null;

  @Field(() => DateTimeScalar, { description: 'When consent was given.' })
  @Column({ type: 'timestamptz', precision: 3 })
  givenAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When consent lapses; null if it does not.' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'uuid' })
  @ForeignKey(() => User, { name: 'fk_consents_recorded_by_user' })
  recordedByUserId!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When consent was withdrawn; from then the recipient sees none of the fields.' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => User, { name: 'fk_consents_revoked_by_user' })
  revokedByUserId!: string | null;

  @Field(() => String, { nullable: true, description: 'Why consent was withdrawn.' })
  @Column({ type: 'text', nullable: true })
  revocationReason!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the consent was recorded.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
