import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sensorEventAsyncApi } from '@app/domain';

/** npm run asyncapi: writes docs/asyncapi.json from the sensor event schema. */
writeFileSync(
  join(__dirname, '..', 'docs', 'asyncapi.json'),
  JSON.stringify(sensorEventAsyncApi(), null, 2) + '\n',
);
