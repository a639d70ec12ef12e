/**
 * The background's handler for a message it relays unchanged to the offscreen document
 * (protocol.ts `RelayedMessages`): the document is created first if it is not running.
 */
import type { ProtocolInput, ProtocolOutput } from '../shared/messaging.js';
import type { RelayedMessages } from '../shared/protocol.js';
import { sendToOffscreenDocument } from './offscreen-document.js';

export type RelayHandler<K extends keyof RelayedMessages> = (
  data: ProtocolInput<RelayedMessages, K>,
) => Promise<ProtocolOutput<RelayedMessages, K>>;

export function relayToOffscreen<K extends keyof RelayedMessages>(type: K): RelayHandler<K> {
  const send = sendToOffscreenDocument as (
    type: K,
    data: ProtocolInput<RelayedMessages, K>,
  ) => Promise<ProtocolOutput<RelayedMessages, K>>;
  return (data) => send(type, data);
}
