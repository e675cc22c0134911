// The network bundle (dist/network.js): everything that talks to real accounts. It is loaded on the first
// real network call, after activation, so neither activation nor the demo account pays for undici.
import type { Logger } from '../../core/common/logger';
import { AccessKeySource, type AccessKeySourceOptions } from '../openapi/accessKeySource';
import { type AccessKeyCredentials, OpenApiClient } from '../openapi/openApiClient';
import { DeviceAuthClient } from '../gateway/deviceAuth';
import { GatewayClient } from '../gateway/gatewayClient';
import { QwenCloudSource, type QwenCloudSourceOptions } from '../gateway/qwenCloudSource';
import { HttpClient } from './httpClient';
import type { ProxySettings } from './types';
import { createDispatcher, UndiciTransport } from './undiciTransport';

export interface NetworkOptions {
  readonly userAgent: string;
  readonly proxy: ProxySettings;
  readonly logger: Logger;
  /** Caps every request's timeout (the integration tests' seam); absent in normal use. */
  readonly maxTimeoutMs?: number;
  /** The extension's clock: what "this month" is, and the time requests are signed with. */
  readonly now?: () => number;
}

export interface Network {
  readonly http: HttpClient;
  deviceAuth(authBase: string, clientId: string): DeviceAuthClient;
  /** `token`: the session's access token, until it ends (a refused token is an AuthError; nothing renews it). */
  qwenCloudSource(apiBase: string, token: () => Promise<string>, options: QwenCloudSourceOptions): QwenCloudSource;
  accessKeySource(credentials: AccessKeyCredentials, options: AccessKeySourceOptions): AccessKeySource;
  close(): Promise<void>;
}

export function createNetwork(options: NetworkOptions): Network {
  const http = new HttpClient(new UndiciTransport(createDispatcher(options.proxy)), {
    userAgent: options.userAgent,
    logger: options.logger,
    ...(options.maxTimeoutMs !== undefined ? { maxTimeoutMs: options.maxTimeoutMs } : {}),
  });
  const now = options.now;
  return {
    http,
    deviceAuth: (authBase, clientId) => new DeviceAuthClient(http, authBase, clientId),
    qwenCloudSource: (apiBase, token, sourceOptions) => new QwenCloudSource(new GatewayClient(http, apiBase, token), { ...(now ? { now } : {}), ...sourceOptions }),
    accessKeySource: (credentials, sourceOptions) => new AccessKeySource(new OpenApiClient(http, credentials, now), { ...(now ? { now } : {}), ...sourceOptions }),
    close: () => http.close(),
  };
}
