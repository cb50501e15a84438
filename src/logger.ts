import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({
    level,
    // Download links carry their token in the query string (`?token=`): never log it with a request.
    redact: { paths: ['req.headers.authorization', 'req.query.token', '*.password', '*.token', '*.refreshToken'], remove: true },
  });
}
