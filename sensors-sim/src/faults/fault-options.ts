import { REJECT_REASONS, type RejectReason } from '@app/domain';

/** Fault rates. Per-uplink probabilities unless said otherwise. */
export interface FaultOptions {
  /** The same uplink again through the same gateway, 0.2-5 s later. */
  repeat: number;
  /** For a sensor in range of two gateways: the uplink also arrives through the second one. */
  dual: number;
  /** Held back and delivered just after the sensor's next uplink (never a startup). */
  reorder: number;
  /** Never delivered (never a startup); the seq gap shows as lost uplinks. */
  loss: number;
  /** Per state change: the sensor flaps 2-4 extra times within seconds before settling. */
  flap: number;
  /** Share of sensors whose clock is off by up to +-maxSkewS. */
  skewShare: number;
  maxSkewS: number;
  /** An extra invalid message (one of the rejection reasons) next to the uplink. */
  invalid: number;
  /** Gateway outages per gateway per simulated day; the gateway buffers and replays its backlog. */
  outagesPerGatewayDay: number;
  outageMeanMin: number;
}

export const DEFAULT_FAULTS: FaultOptions = {
  repeat: 0.02,
  dual: 0.5,
  reorder: 0.01,
  loss: 0.005,
  flap: 0.02,
  skewShare: 0.05,
  maxSkewS: 120,
  invalid: 0.001,
  outagesPerGatewayDay: 0.5,
  outageMeanMin: 10,
};

export const NO_FAULTS: FaultOptions = {
  repeat: 0,
  dual: 0,
  reorder: 0,
  loss: 0,
  flap: 0,
  skewShare: 0,
  maxSkewS: 0,
  invalid: 0,
  outagesPerGatewayDay: 0,
  outageMeanMin: 10,
};

/** The parser's storability guards and the store's refusal are not simulated. */
const NOT_INJECTED = ['invalid_text', 'extra_too_large', 'store_refused'] as const;
export type ExpectedRejection = Exclude<RejectReason, (typeof NOT_INJECTED)[number]>;
/** Every other rejection reason of the contract; the invalid messages cover all of them. */
export const INJECTED_REJECTIONS: readonly ExpectedRejection[] = REJECT_REASONS.filter(
  (r): r is ExpectedRejection => !(NOT_INJECTED as readonly string[]).includes(r),
);
