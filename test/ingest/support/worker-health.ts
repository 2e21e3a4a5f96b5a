/** The ownership part of a worker's `/health` answer. */
export interface WorkerHealth {
  status: string;
  ownership: 'connected' | 'disconnected';
  partitions: number[];
  mqtt: Record<string, boolean>;
}

export async function workerHealth(port: number): Promise<WorkerHealth> {
  return (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as WorkerHealth;
}

/** Polls the workers' /health until every one owns `each` partitions, all connected. */
export async function waitForBalance(
  ports: number[],
  each: number,
  timeoutMs = 20000,
): Promise<WorkerHealth[]> {
  const until = Date.now() + timeoutMs;
  let last: WorkerHealth[] = [];
  while (Date.now() < until) {
    last = await Promise.all(ports.map((p) => workerHealth(p).catch(() => null))).then((l) =>
      l.filter((h): h is WorkerHealth => h !== null),
    );
    const balanced =
      last.length === ports.length &&
      last.every((h) => h.partitions.length === each && h.status === 'ok');
    if (balanced) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`workers not balanced at ${each} partitions each: ${JSON.stringify(last)}`);
}
