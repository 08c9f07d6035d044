// Validates the REST API's OpenAPI document against the OpenAPI 3 schema
// (swagger-parser), so a malformed document fails CI rather than a client.
import SwaggerParser from '@apidevtools/swagger-parser';
import { fileURLToPath } from 'node:url';

const doc = fileURLToPath(new URL('../internal/web/api/openapi.json', import.meta.url));
try {
  const api = await SwaggerParser.validate(doc);
  console.log(`openapi: valid, ${Object.keys(api.paths).length} paths`);
} catch (err) {
  console.error(`openapi: INVALID: ${err.message}`);
  process.exit(1);
}
