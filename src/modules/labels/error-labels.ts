import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { RequestContext } from '../../context/request-context';
import { sectionLabel } from './labels';

/**
 * Every error in an answer gets `extensions.label`: what to tell the person, in the request's
 * language, from its `reason` when it has one, else from its `code`. The message stays as it is, in
 * English and precise, for the developer.
 */
export const errorLabelsPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
        const labelled = response.body.singleResult.errors.map((error): GraphQLFormattedError => {
          const { code, reason } = (error.extensions ?? {}) as { code?: unknown; reason?: unknown };
          const label =
            (typeof reason === 'string' ? sectionLabel(contextValue.locale, 'errorReasons', reason) : undefined) ??
            (typeof code === 'string' ? sectionLabel(contextValue.locale, 'errors', code) : undefined);
          return label ? { ...error, extensions: { ...error.extensions, label } } : error;
        });
        (response.body.singleResult as { errors?: readonly GraphQLFormattedError[] }).errors = labelled;
      },
    };
  },
};
