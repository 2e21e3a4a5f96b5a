import type { ApplyItem, ApplyOutcome } from '@app/live-store';
import type { IngestMessage } from './ingest-result';
import type { PreparedMessages } from './ingest.prepare';

/** A batch applied to the live state, waiting to be recorded. */
export interface AppliedBatch extends PreparedMessages {
  messages: IngestMessage[];
  items: ApplyItem[];
  outcome: ApplyOutcome | null;
}
