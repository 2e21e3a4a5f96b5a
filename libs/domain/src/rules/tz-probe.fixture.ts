import { compileRuleBook } from './rule-book';
import { RuleBookInput } from './rule-book.types';

/** A batch of evaluations to replay in another process (see rule-book.tz.spec.ts). */
export interface TzProbeCase {
  readonly city: RuleBookInput;
  readonly instants: readonly number[];
}

/** Evaluates every case; the output must not depend on the process's time zone. */
export function runTzProbe(cases: readonly TzProbeCase[]): unknown[] {
  return cases.map(({ city, instants }) => {
    const book = compileRuleBook(city);
    return instants.map((t) => ({
      e: book.evaluateSpace('S', t),
      s: book.evaluateStay('S', t, 600),
      c: book.classifySession({ spaceId: 'S', start: t, end: null, now: t + 3_600_000 }),
    }));
  });
}

if (require.main === module) {
  let input = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => (input += chunk));
  process.stdin.on('end', () => {
    const offset = new Date(Date.UTC(2026, 6, 1)).getTimezoneOffset();
    process.stdout.write(JSON.stringify({ offset, results: runTzProbe(JSON.parse(input)) }));
  });
}
