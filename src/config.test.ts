import { loadConfig, unsafeSettings } from './config';

describe('configuration', () => {
  it('refuses to start in production without a token secret, a match-key secret, an export-link secret, an application-role password or a webhook secret key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/TOKEN_SECRET: is required in production[\s\S]*MATCH_KEY_SECRET: is required in production[\s\S]*EXPORT_LINK_SECRET: is required in production[\s\S]*APP_DB_PASSWORD[\s\S]*WEBHOOK_SECRET_KEY/);
  });

  it('never exposes error details or introspection in production, whatever else is set', () => {
    const config = loadConfig({ NODE_ENV: 'production', TOKEN_SECRET: 'x'.repeat(32), EXPORT_LINK_SECRET: 'y'.repeat(32), MATCH_KEY_SECRET: 'z'.repeat(32), APP_DB_PASSWORD: 'a-strong-password', WEBHOOK_SECRET_KEY: 'x'.repeat(43) + '=' });
    expect(config.graphql).toMatchObject({ exposeErrorDetails: false, introspection: false, csrfPrevention: true });
    expect(() =>
      loadConfig({ NODE_ENV: 'production', TOKEN_SECRET: 'x'.repeat(32), EXPORT_LINK_SECRET: 'y'.repeat(32), MATCH_KEY_SECRET: 'z'.repeat(32), APP_DB_PASSWORD: 'a-strong-password', WEBHOOK_SECRET_KEY: 'x'.repeat(43) + '=', EXPOSE_ERROR_DETAILS: 'true' }),
    ).toThrow(/EXPOSE_ERROR_DETAILS/);
  });

  it('keeps stack traces out even when NODE_ENV is unset', () => {
    expect(loadConfig({}).graphql.exposeErrorDetails).toBe(false);
  });

  it('names each unsafe setting in use, one line each, and none when everything is set', () => {
    const development = unsafeSettings(loadConfig({}));
    expect(development).toHaveLength(5);
    expect(development.join('\n')).toMatch(/sign-up is open[\s\S]*TOKEN_SECRET[\s\S]*MATCH_KEY_SECRET[\s\S]*WEBHOOK_SECRET_KEY[\s\S]*APP_DB_PASSWORD/);
    const webhookSecretKey = 'x'.repeat(43) + '=';
    const embeddedProduction = unsafeSettings(
      loadConfig({ NODE_ENV: 'production', TOKEN_SECRET: 'x'.repeat(32), EXPORT_LINK_SECRET: 'y'.repeat(32), MATCH_KEY_SECRET: 'z'.repeat(32), APP_DB_PASSWORD: 'a-strong-password', SIGN_UP_ENABLED: 'false', WEBHOOK_SECRET_KEY: webhookSecretKey }),
    );
    expect(embeddedProduction).toEqual([expect.stringMatching(/embedded PostgreSQL[\s\S]*DATABASE_URL/)]);
    expect(
      unsafeSettings(
        loadConfig({
          NODE_ENV: 'production',
          TOKEN_SECRET: 'x'.repeat(32),
          EXPORT_LINK_SECRET: 'y'.repeat(32),
          MATCH_KEY_SECRET: 'z'.repeat(32),
          APP_DB_PASSWORD: 'a-strong-password',
          SIGN_UP_ENABLED: 'false',
          DATABASE_URL: 'postgres://owner:secret@db.example.org/ngo',
          WEBHOOK_SECRET_KEY: webhookSecretKey,
        }),
      ),
    ).toEqual([]);
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', APP_DB_ROLE: 'Robert"); DROP' })).toThrow(/PORT[\s\S]*APP_DB_ROLE/);
  });

  it('takes exact origins for CORS, and refuses * in production and anything that is not an origin', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://app.example.org, http://localhost:5173' }).http.corsOrigins).toEqual(['https://app.example.org', 'http://localhost:5173']);
    expect(loadConfig({}).http.corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: '*' }).http.corsOrigins).toEqual(['*']);
    for (const value of ['https://app.example.org/', 'app.example.org', 'https://app.example.org/path', 'ftp://x.example.org']) {
      expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(/CORS_ORIGINS/);
    }
    expect(() =>
      loadConfig({ NODE_ENV: 'production', TOKEN_SECRET: 'x'.repeat(32), EXPORT_LINK_SECRET: 'y'.repeat(32), MATCH_KEY_SECRET: 'z'.repeat(32), APP_DB_PASSWORD: 'a-strong-password', WEBHOOK_SECRET_KEY: 'x'.repeat(43) + '=', CORS_ORIGINS: '*' }),
    ).toThrow(/CORS_ORIGINS: must name/);
  });
});
