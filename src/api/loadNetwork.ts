// Loads the transport bundle next to the extension bundle (dist/network.js) on first use: undici is the one
// heavy part of talking to a real account, and neither activation nor the demo account needs it.
import { join } from 'node:path';
import type { CreateTransport } from './http/types';

let loaded: CreateTransport | undefined;

export function loadTransport(): CreateTransport {
  // A runtime path on purpose: esbuild must not pull the network bundle into the extension bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= (require(join(__dirname, 'network.js')) as { createTransport: CreateTransport }).createTransport;
  return loaded;
}
