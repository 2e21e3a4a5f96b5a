import { readdirSync, readFileSync } from 'node:fs';

/** Every descendant of a process (children, their children, ...), with its command name (Linux). */
export function descendants(root: number): Array<{ pid: number; comm: string }> {
  const parent = new Map<number, number>();
  const comm = new Map<number, string>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      comm.set(Number(d), stat.slice(stat.indexOf('(') + 1, close));
      parent.set(Number(d), Number(stat.slice(close + 2).split(' ')[1]));
    } catch {
      // ended meanwhile
    }
  }
  const out: Array<{ pid: number; comm: string }> = [];
  const seen = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (!seen.has(pid) && seen.has(ppid)) {
        seen.add(pid);
        out.push({ pid, comm: comm.get(pid) ?? '' });
        grew = true;
      }
    }
  }
  return out;
}
