// Device sign-in answers as the Qwen Cloud CLI reads them: `src/api/auth-client.ts` (its PascalCase
// normalisation) and the fixtures of `tests/api/auth-client.test.ts`, v1.3.0. Values are invented; the
// fields and their types are the CLI's.
import { CLI, type ReferenceAnswer } from './fixture';

const FOLLOWS = `${CLI} src/api/auth-client.ts, tests/api/auth-client.test.ts`;

export const DEVICE_CODE: readonly ReferenceAnswer[] = [
  {
    case: 'a device code, with its link, lifetime and interval in seconds',
    follows: `${FOLLOWS} (initPascalPayload)`,
    body: { Success: true, Data: { Token: 'enc-tok-0001', VerificationUrl: 'https://auth.example.test/device?code=XYZ12345', ExpiresIn: 600, Interval: 5 } },
  },
  {
    case: 'an interval of 0: the CLI waits 5 s',
    follows: `${FOLLOWS} (executeLogin: an interval of 0 or less becomes 5)`,
    body: { Success: true, Data: { Token: 'enc-tok-0002', VerificationUrl: 'https://auth.example.test/device?code=ABC', ExpiresIn: 300, Interval: 0 } },
  },
];

export const DEVICE_POLL: readonly ReferenceAnswer[] = [
  { case: 'not approved yet', follows: `${FOLLOWS} (returns authorization_pending)`, body: { Success: true, Data: { Status: 'authorization_pending' } } },
  { case: 'polling too fast', follows: `${FOLLOWS} (slow_down adds 5 s)`, body: { Success: true, Data: { Status: 'slow_down' } } },
  { case: 'denied in the browser', follows: `${FOLLOWS} (returns access_denied)`, body: { Success: true, Data: { Status: 'access_denied' } } },
  { case: 'the code expired', follows: `${FOLLOWS} (returns expired_token)`, body: { Success: true, Data: { Status: 'expired_token' } } },
  {
    case: 'approved: an access token, its ISO expiry and the user',
    follows: `${FOLLOWS} (pollCompletePascalPayload)`,
    body: {
      Success: true,
      Data: { Status: 'complete', Credentials: { AccessToken: 'at-fake-0001', ExpireTime: '2026-12-31T23:59:59Z', User: { AliyunId: 'uid-1', Email: 'someone@example.test' } } },
    },
  },
  {
    case: 'approved, with the fields the CLI types but never uses: a RefreshToken and a numeric user Id',
    follows: `${CLI} src/types/auth.ts (DeviceCredentials)`,
    body: {
      Success: true,
      Data: {
        Status: 'complete',
        Credentials: { AccessToken: 'at-fake-0002', RefreshToken: 'rt-fake-0002', ExpireTime: '2026-12-31T23:59:59Z', User: { Id: 5550123, Email: 'someone@example.test', AliyunId: 'someone@example.test' } },
      },
    },
  },
];
