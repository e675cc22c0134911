// The typed errors the transport throws, made on the extension's side of the bundle boundary.
import { CancelledError, NetworkError, ShapeError, TimeoutError } from '../../core/account/errors';
import type { TransportErrors } from './types';

export const transportErrors: TransportErrors = {
  cancelled: () => new CancelledError('Cancelled.'),
  timeout: () => new TimeoutError('No answer in time.'),
  network: (message) => new NetworkError(message),
  tooLarge: (maxBytes) => new ShapeError(`The response is larger than ${maxBytes} bytes.`),
};
