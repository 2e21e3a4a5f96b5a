import type { LotStatus } from './api';

/** Marker colours per lot status; `unknown` is hollow and dashed, never mistaken for a colour. */
export const STATUS_STYLE: Record<LotStatus, { color: string; fill: string; dash?: string }> = {
  open: { color: '#15803d', fill: '#22c55e' },
  almost_full: { color: '#b45309', fill: '#f59e0b' },
  full: { color: '#b91c1c', fill: '#ef4444' },
  closed: { color: '#374151', fill: '#6b7280' },
  unknown: { color: '#6d28d9', fill: '#ffffff', dash: '4 3' },
};

export const STATUSES: LotStatus[] = ['open', 'almost_full', 'full', 'closed', 'unknown'];
