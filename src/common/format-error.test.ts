import { createErrorFormatter } from './format-error';
import { AppError, ErrorCode } from './errors';

describe('error formatting', () => {
  const production = createErrorFormatter({ exposeDetails: false });

  it('masks unexpected errors: no message, SQL or stack trace reaches the client', () => {
    const formatted = production(
      {
        message: 'relation "users" does not exist: SELECT * FROM users',
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: at Query.run (db.ts:1)'] },
      },
    );
    expect(formatted).toEqual({ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
  });

  it('masks errors without a code as INTERNAL_SERVER_ERROR', () => {
    expect(production({ message: 'TypeError: x is undefined' }).extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('passes expected errors through with their code, without a stack trace', () => {
    const error = new AppError(ErrorCode.NOT_FOUND, 'Membership not found', { argumentPath: ['input', 'membershipId'] });
    const formatted = production({ message: error.message, extensions: { ...error.extensions, stacktrace: ['…'] } });
    expect(formatted).toEqual({
      message: 'Membership not found',
      extensions: { code: 'NOT_FOUND', argumentPath: ['input', 'membershipId'] },
    });
  });

  it('turns validation errors into BAD_USER_INPUT naming the argument', () => {
    class SignUpInput {}
    const formatted = production(
      {
        message: 'Argument Validation Error',
        extensions: {
          code: 'BAD_USER_INPUT',
          validationErrors: [
            { target: new SignUpInput(), property: 'password', constraints: { isLength: 'password must be longer than or equal to 12 characters' } },
          ],
        },
      },
    );
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentPath: ['input', 'password'] });
    expect(formatted.message).toBe('Invalid input.password: password must be longer than or equal to 12 characters');
  });
});
