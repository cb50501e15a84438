import { createGraphiQLFetcher, type Fetcher, type FetcherOpts, type FetcherParams, type FetcherReturnType, type Storage } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { getOperationAST, parse } from 'graphql';
import { createClient } from 'graphql-ws';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';

// Monaco runs its language services in web workers; they are bundled beside this file (build.mjs),
// so the explorer never loads code from anywhere but this server.
(globalThis as { MonacoEnvironment?: { getWorker(id: string, label: string): Worker } }).MonacoEnvironment = {
  getWorker(_id, label) {
    const name = label === 'graphql' ? 'graphql' : label === 'json' ? 'json' : 'editor';
    return new Worker(new URL(`${name}.worker.js`, document.baseURI));
  },
};

const graphqlUrl = new URL('/graphql', location.href);
const http = createGraphiQLFetcher({ url: graphqlUrl.toString() });

/** The `Authorization` header from the headers editor, whatever its case. */
function authorization(opts: FetcherOpts | undefined): string | undefined {
  const entry = Object.entries(opts?.headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization');
  return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}

function isSubscription(params: FetcherParams): boolean {
  try {
    return getOperationAST(parse(params.query), params.operationName ?? undefined)?.operation === 'subscription';
  } catch {
    return false;
  }
}

/**
 * Subscriptions go over graphql-ws on the same path; the server reads the token from the
 * connection's `authorization` parameter, so the headers editor's token is passed there.
 */
async function* subscribe(params: FetcherParams, token: string | undefined) {
  const wsUrl = new URL(graphqlUrl);
  wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  const client = createClient({ url: wsUrl.toString(), connectionParams: token ? { authorization: token } : {}, retryAttempts: 0 });
  try {
    yield* client.iterate({ query: params.query, variables: params.variables, operationName: params.operationName ?? undefined });
  } finally {
    await client.dispose();
  }
}

const fetcher: Fetcher = (params, opts) =>
  // graphql-ws yields results as they travel (errors as plain objects), which is what GraphiQL shows.
  isSubscription(params) ? (subscribe(params, authorization(opts)) as unknown as FetcherReturnType) : http(params, opts);

/**
 * GraphiQL keeps tabs, variables and history in localStorage by default: on disk, on the API's
 * origin, for anyone using the browser later. Sign-in variables hold a password and results hold
 * people's records, so the explorer keeps them in memory only: a reload starts afresh.
 */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
    get length() {
      return items.size;
    },
  };
}

const DEFAULT_QUERY = `# NGO Commons API explorer, served by this server:
# it works offline.
#
# 1. Sign in: put your email and password in
#    Variables (below), then run Login (▶). Nothing
#    you type here is stored: a reload forgets it.
# 2. Copy the accessToken into Headers:
#    { "Authorization": "Bearer <accessToken>" }
# 3. Run Inbox: referrals sent to your organization.
#
# The book icon (top left) opens the documentation
# of every type, field and argument.

mutation Login($email: EmailAddress!, $password: String!) {
  login(input: { email: $email, password: $password }) {
    accessToken
    accessTokenExpiresAt
  }
}

query Inbox {
  referralInbox(first: 10) {
    edges {
      node {
        id
        status
        urgency
        sender { name }
        client { fullName }
      }
    }
  }
}
`;

createRoot(document.getElementById('explorer')!).render(
  <GraphiQL
    fetcher={fetcher}
    storage={memoryStorage()}
    defaultQuery={DEFAULT_QUERY}
    defaultHeaders={'{\n  "Authorization": ""\n}'}
    initialVariables={'{\n  "email": "",\n  "password": ""\n}'}
  />,
);
