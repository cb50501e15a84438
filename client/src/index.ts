import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

export * from './operations';

/** An error the API answered, with its stable `extensions.code` (docs/errors.md) to branch on. */
export class NgoCommonsError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly extensions: Record<string, unknown>,
  ) {
    super(message);
  }
}

/**
 * A minimal typed client: `request(document, variables)` answers the operation's `data`, typed by
 * its document (see operations.ts and `npm run codegen`), or throws the first error as NgoCommonsError.
 * Any GraphQL client that takes typed document nodes (Apollo Client, urql, graphql-request) takes the
 * same documents.
 */
export function createClient(options: { url: string; token?: () => string | null; fetch?: typeof fetch }) {
  const send = options.fetch ?? fetch;
  return {
    async request<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables?: TVariables): Promise<TResult> {
      const token = options.token?.();
      const response = await send(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: print(document), variables }),
      });
      const body = (await response.json()) as { data?: TResult; errors?: { message: string; extensions?: Record<string, unknown> }[] };
      const [error] = body.errors ?? [];
      if (error) throw new NgoCommonsError(error.message, String(error.extensions?.code ?? 'UNKNOWN'), error.extensions ?? {});
      if (!body.data) throw new NgoCommonsError('The API answered no data', 'UNKNOWN', {});
      return body.data;
    },
  };
}
