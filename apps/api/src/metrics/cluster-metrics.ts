import cluster from 'node:cluster';
import { AggregatorRegistry, Registry } from 'prom-client';

/** IPC message a worker sends the primary to get every worker's metrics, and its answer. */
const REQUEST = 'api:metrics-request';
const ANSWER = 'api:metrics-answer';
const ANSWER_TIMEOUT_MS = 6000;

interface MetricsRequest {
  type: typeof REQUEST;
  id: number;
}
interface MetricsAnswer {
  type: typeof ANSWER;
  id: number;
  text?: string;
  error?: string;
}

/**
 * In the primary of `HTTP_WORKERS > 1`: answers a worker's request with the metrics of every
 * worker (prom-client's cluster aggregation; each worker's series carry its `worker` label, so
 * nothing is summed away and Prometheus aggregates as it likes). The primary serves no HTTP.
 */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, msg: MetricsRequest) => {
    if (msg?.type !== REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: ANSWER, id: msg.id, text } satisfies MetricsAnswer),
      (err: Error) =>
        worker.send({ type: ANSWER, id: msg.id, error: err.message } satisfies MetricsAnswer),
    );
  });
}

/**
 * What `GET /metrics` answers. A lone process: its own registry. A worker of `HTTP_WORKERS > 1`
 * (a scrape reaches any one of them through the shared port): the metrics of every worker,
 * collected by the primary; its registry is labelled with the worker's id once, here.
 */
export class ProcessMetrics {
  private nextId = 0;
  private readonly pending = new Map<number, (a: MetricsAnswer) => void>();

  constructor(private readonly registry: Registry) {
    if (!cluster.isWorker || !process.send) return;
    registry.setDefaultLabels({ worker: String(cluster.worker?.id ?? process.pid) });
    AggregatorRegistry.setRegistries([registry]);
    new AggregatorRegistry(); // makes prom-client answer the primary's collection requests
    process.on('message', (msg: MetricsAnswer) => {
      if (msg?.type !== ANSWER) return;
      this.pending.get(msg.id)?.(msg);
    });
  }

  async text(): Promise<string> {
    if (!cluster.isWorker || !process.send) return this.registry.metrics();
    const id = this.nextId++;
    const answer = await new Promise<MetricsAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('the API primary did not answer with the workers’ metrics'));
      }, ANSWER_TIMEOUT_MS);
      this.pending.set(id, (a) => {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(a);
      });
      process.send!({ type: REQUEST, id } satisfies MetricsRequest);
    });
    if (answer.error !== undefined) throw new Error(`workers' metrics: ${answer.error}`);
    return answer.text ?? '';
  }
}
