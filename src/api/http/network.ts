// Everything that talks to real accounts, built on a transport: the HTTP client, device sign-in and the two
// sources. The transport (undici) is the separately loaded network bundle; whoever creates the network
// hands in how to make one (`loadTransport` in the extension, the module itself in tests).
import type { Logger } from '../../core/common/logger';
import { AccessKeySource, type AccessKeySourceOptions } from '../openapi/accessKeySource';
import { type AccessKeyCredentials, OpenApiClient } from '../openapi/openApiClient';
import { DeviceAuthClient } from '../gateway/deviceAuth';
import { GatewayClient } from '../gateway/gatewayClient';
import { QwenCloudSource, type QwenCloudSourceOptions } from '../gateway/qwenCloudSource';
import { HttpClient } from './httpClient';
import { transportErrors } from './transportErrors';
import type { CreateTransport, ProxySettings } from './types';

export interface NetworkOptions {
  readonly createTransport: CreateTransport;
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
  const http = new HttpClient(options.createTransport(options.proxy, transportErrors), {
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
