import '../../../scripts/register-dist-paths';
import { runGatewayCli } from './gateway-cli';

runGatewayCli(process.argv.slice(2), {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
}).then(
  (code) => process.exit(code),
  () => process.exit(3),
);
