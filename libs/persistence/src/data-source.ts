import { loadConfig } from '@app/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.options';

/** For the TypeORM CLI only (npm run migration:run|revert|generate); reads DATABASE_URL. */
export default new DataSource(dataSourceOptions(loadConfig(), { applicationName: 'typeorm-cli' }));
