import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The shared taxonomy of services, seeded by migration; the same for every organization. */
@ObjectType({
  description:
    'A category in the shared service taxonomy (HSDS: taxonomy_term). Every service in the directory has one, so that organizations can find each other by what they do.',
})
@Entity({ name: 'service_categories' })
export class ServiceCategory {
  @Field({ description: 'Stable code, e.g. "PHYSICAL_REHABILITATION" (HSDS: taxonomy_term.code). Filter and create with it.' })
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_service_categories' })
  code!: string;

  @Field({ description: 'Name in English (HSDS: taxonomy_term.name).' })
  @Column({ type: 'text' })
  name!: string;

  @Field({ description: 'What services in this category do (HSDS: taxonomy_term.description).' })
  @Column({ type: 'text' })
  description!: string;
}
