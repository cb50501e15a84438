import {
  DateTimeResolver,
  EmailAddressResolver,
  LatitudeResolver,
  LocalDateResolver,
  LocaleResolver,
  LongitudeResolver,
  UUIDResolver,
} from 'graphql-scalars';

export {
  DateTimeResolver as DateTimeScalar,
  EmailAddressResolver as EmailScalar,
  LatitudeResolver as LatitudeScalar,
  LocalDateResolver as LocalDateScalar,
  LocaleResolver as LocaleScalar,
  LongitudeResolver as LongitudeScalar,
  UUIDResolver as UUIDScalar,
};
