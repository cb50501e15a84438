import { Arg, Ctx, Field, FieldResolver, Info, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { isEnumType, type GraphQLResolveInfo } from 'graphql';
import { labelLocaleOf } from '../../common/locale';
import { badInput } from '../../common/errors';
import { LocaleScalar } from '../../common/scalars';
import type { RequestContext } from '../../context/request-context';
import { ServiceCategory } from '../directory/service-category.entity';
import { CATALOGS, enumLabel, sectionLabel } from './labels';

@ObjectType({ description: 'One code of a code list, with its label.' })
export class CodeListValue {
  @Field({ description: 'The code the API answers and accepts, e.g. "IN_PROGRESS".' })
  code!: string;

  @Field({ description: 'The code as words people read, in the language asked for.' })
  label!: string;
}

@ObjectType({ description: 'A list of codes the API uses (an enum, or the service categories), each with its label: what a front end fills a menu or a legend from.' })
export class CodeList {
  @Field({ description: 'The enum\'s name in the schema (e.g. "ReferralStatus"), or "ServiceCategory" for the service taxonomy.' })
  name!: string;

  @Field({ description: 'The language of the labels: en, vi or ar.' })
  locale!: string;

  @Field(() => [CodeListValue], { description: 'Every code of the list, in the schema\'s order.' })
  values!: CodeListValue[];
}

const SERVICE_CATEGORY = 'ServiceCategory';

@Resolver()
export class LabelsResolver {
  @Query(() => [CodeList], {
    description:
      'The code lists of the API with their labels in English, Vietnamese or Arabic: every enum of the schema and the service categories. Open to anyone, signed in or not; no data of any organization.',
  })
  codeLists(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('names', () => [String], { nullable: true, description: 'Only these lists (enum names, or "ServiceCategory"); all of them when omitted.' })
    names: string[] | null,
    @Arg('locale', () => LocaleScalar, {
      nullable: true,
      description: "The labels' language (a BCP 47 tag: en, vi, ar, or e.g. vi-VN); by default the request's Accept-Language, English otherwise.",
    })
    locale: string | null,
  ): CodeList[] {
    if (locale != null && typeof locale !== 'string') throw badInput('`locale` must be a language tag such as "vi" or "ar-JO"', ['locale']);
    const language = locale ? labelLocaleOf(locale) : ctx.locale;
    const enums = Object.values(info.schema.getTypeMap()).filter((type) => isEnumType(type) && !type.name.startsWith('__'));
    const lists: CodeList[] = enums.flatMap((type) =>
      isEnumType(type)
        ? [{ name: type.name, locale: language, values: type.getValues().map((value) => ({ code: value.name, label: enumLabel(language, type.name, value.name) })) }]
        : [],
    );
    lists.push({
      name: SERVICE_CATEGORY,
      locale: language,
      values: Object.keys(CATALOGS.en.serviceCategories).map((code) => ({ code, label: sectionLabel(language, 'serviceCategories', code) ?? code })),
    });
    if (!names) return lists;
    const unknown = names.filter((name) => !lists.some((list) => list.name === name));
    if (unknown.length) throw badInput(`No code list is called ${unknown.join(', ')}: use an enum's name from the schema, or "ServiceCategory"`, ['names']);
    return lists.filter((list) => names.includes(list.name));
  }
}

@Resolver(() => ServiceCategory)
export class ServiceCategoryLabelResolver {
  @FieldResolver(() => String, { description: "The category's name in the request's language (Accept-Language: en, vi or ar; English otherwise)." })
  label(@Root() category: ServiceCategory, @Ctx() ctx: RequestContext): string {
    return sectionLabel(ctx.locale, 'serviceCategories', category.code) ?? category.name;
  }
}
