import '../../../scripts/register-dist-paths';
import 'reflect-metadata';
import { runCityCli } from './city.cli';

runCityCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  () => process.exit(3),
);
