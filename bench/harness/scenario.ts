/** One measured figure, optionally compared with a target and with a raw machine limit. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** Target (bench/README.md, "Targets") and whether higher or lower is better. */
  target?: { value: number; better: 'higher' | 'lower'; floor?: number };
  /** Name of the reference figure (raw limit of this machine) this one is a ratio of. */
  reference?: string;
  note?: string;
  /** CPU use of the components while the figure was measured (CpuMeter), for the diagnosis. */
  cpu?: string;
}

export interface ScenarioContext {
  spaces: number;
  log(line: string): void;
  /** Figures measured earlier in this run (references for ratios). */
  figures: Map<string, Figure>;
}

export interface Scenario {
  id: string;
  title: string;
  run(ctx: ScenarioContext): Promise<Figure[]>;
}

export function meets(f: Figure): 'yes' | 'floor' | 'no' | '-' {
  if (!f.target) return '-';
  const ok = (v: number) => (f.target!.better === 'higher' ? f.value >= v : f.value <= v);
  if (ok(f.target.value)) return 'yes';
  if (f.target.floor !== undefined && ok(f.target.floor)) return 'floor';
  return 'no';
}
