import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { buildAppSchema, renderSchema, SCHEMA_FILE } from '../schema';

buildAppSchema()
  .then((schema) => {
    writeFileSync(SCHEMA_FILE, renderSchema(schema));
    console.log(`wrote ${SCHEMA_FILE}`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
