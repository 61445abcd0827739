import type { Sandbox } from '../../sandbox/sandbox';

/**
 * Makes every KVS request of the current site wait a while before the store answers, as Forge's
 * storage does over the network: a read-compare-write window only shows when storage takes time.
 * A stand-in until the sandbox has its own storage-latency switch; it wraps the site's KVS emulator
 * (the fake), never `@forge/kvs`.
 */
export const delayStorage = (sandbox: Sandbox, range: { readonly minMs: number; readonly maxMs: number }): void => {
  const kvs = sandbox.kvs;
  const handle = kvs.handle.bind(kvs);
  kvs.handle = async (path, init) => {
    await new Promise((resolve) => setTimeout(resolve, range.minMs + Math.random() * (range.maxMs - range.minMs)));
    return handle(path, init);
  };
};
