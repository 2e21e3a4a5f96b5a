/** One received MQTT message whose PUBACK is sent only when `ack()` is called. */
export interface InboundMessage {
  gatewayId: string;
  payload: Buffer;
  receivedAt: number;
  /** Acknowledges on the connection that delivered it; a no-op once that connection dropped. */
  ack(): void;
}
