import {
  DateTimeResolver,
  EmailAddressResolver,
  JSONObjectResolver,
  LatitudeResolver,
  LocalDateResolver,
  LocaleResolver,
  LongitudeResolver,
  UUIDResolver,
} from 'graphql-scalars';

export {
  DateTimeResolver as DateTimeScalar,
  EmailAddressResolver as EmailScalar,
  JSONObjectResolver as JSONObjectScalar,
  LatitudeResolver as LatitudeScalar,
  LocalDateResolver as LocalDateScalar,
  LocaleResolver as LocaleScalar,
  LongitudeResolver as LongitudeScalar,
  UUIDResolver as UUIDScalar,
};
