import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { ApiKeyScope } from '../../common/permissions';
import { DateTimeScalar } from '../../common/scalars';
import { Organization } from '../organizations/organization.entity';
import { User } from './user.entity';

@ObjectType({
  description:
    'A credential for a machine client (an integration, a funder dashboard). It acts as its organization with only its scopes. The secret is shown once, at creation, and stored hashed.',
})
@Entity({ name: 'api_keys' })
@Index('ix_api_keys_organization_created', ['organizationId', 'createdAt'])
@Index('ix_api_keys_secret_hash', ['secretHash'])
export class ApiKey {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_api_keys' })
  @ForeignKey(() => Organization, { name: 'fk_api_keys_organization', onDelete: 'CASCADE' })
  organizationId!: string;

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_api_keys' })
  id!: string;

  @Field({ description: 'What the key is for, e.g. "Funder dashboard".' })
  @Column({ type: 'text' })
  name!: string;

  @Field({ description: 'The first characters of the key, to tell keys apart; not enough to use it.' })
  @Column({ type: 'text' })
  prefix!: string;

  @Column({ type: 'text' })
  secretHash!: string;

  @Field(() => [ApiKeyScope], { description: 'What the key may do.' })
  @Column({ type: 'text', array: true })
  scopes!: ApiKeyScope[];

  @Column({ type: 'uuid' })
  @ForeignKey(() => User, { name: 'fk_api_keys_created_by_user' })
  createdByUserId!: string;

  @Field(() => DateTimeScalar, { description: 'When the key was created.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the key last authenticated a request (updated at most once a minute).',
  })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the key was revoked; a revoked key no longer works.' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt!: Date | null;
}
