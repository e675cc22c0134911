// Loads the network bundle next to the extension bundle (dist/network.js) on first use.
import { join } from 'node:path';
import type * as NetworkModule from './http/network';

export type NetworkModuleType = typeof NetworkModule;

let loaded: NetworkModuleType | undefined;

export function loadNetwork(): NetworkModuleType {
  // A runtime path on purpose: esbuild must not pull the network bundle into the extension bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require(join(__dirname, 'network.js')) as NetworkModuleType;
  return loaded;
}
