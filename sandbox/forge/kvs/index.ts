/**
 * Forge KVS / Custom Entity Store emulator: answers the requests that the real `@forge/kvs`
 * package sends through `global.__forge_fetch__({ type: 'kvs', ... }, path, init)`.
 */
export { KvsEmulator, type KvsDump, type KvsEmulatorOptions, type KvsFault } from './kvs-emulator';
export type { EntityAttributeType, EntityDefinition } from './kvs-entities';
export type { KvsErrorCode } from './kvs-errors';
export { kvsLatencyFromEnvironment, NPM_START_KVS_LATENCY, parseKvsLatency, type KvsLatency } from './kvs-latency';
export {
  DEFAULT_QUERY_LIMIT,
  MAX_BATCH_ITEMS,
  MAX_KEY_LENGTH,
  MAX_QUERY_LIMIT,
  MAX_TRANSACTION_OPS,
  MAX_VALUE_BYTES,
  MAX_VALUE_DEPTH,
} from './kvs-validation';
