export const TEMPLATE_DATABASE = 'ngo_test_template';

/** Set by global setup: a superuser URL of the run's PostgreSQL, used to clone and drop test databases. */
export const ADMIN_URL_VARIABLE = 'NGO_TEST_ADMIN_URL';
