// ModelStudio 2026-02-10 answers as the official TypeScript SDK's models document them: field names and
// types from each model, values from its @example lines, plus the variants a tolerant reader must take
// (missing optional fields, empty strings, a number where text is documented, unknown fields). Every field
// of those models is optional, so none of these is malformed. Values a `case` calls illustrative have no
// @example of their own.
import { MODELSTUDIO_SDK, type ReferenceAnswer } from './fixture';

/** The SDK release the API-key and workspace models were read from (unchanged in 2.2.x). */
const KEYS = `${MODELSTUDIO_SDK} 2.1.0`;
/** The first releases with the billing operations are 2.2.0 and 2.2.1; 2.2.1 adds English remarks to the same fields. */
const BILLING = `${MODELSTUDIO_SDK} 2.2.1`;

/**
 * An operation's answers in two sets: `documented`, typed as the model says (the simulator is held to
 * these), and `tolerated`, what a reader must take as well (a number for text, unknown fields).
 */
export interface ReferenceSet {
  readonly documented: readonly ReferenceAnswer[];
  readonly tolerated: readonly ReferenceAnswer[];
}

export const everyAnswer = (set: ReferenceSet): readonly ReferenceAnswer[] => [...set.documented, ...set.tolerated];

const WORKSPACES = `${KEYS} src/models/ListWorkspacesResponseBody.ts`;

export const LIST_WORKSPACES: ReferenceSet = {
  documented: [
    {
      case: 'the documented example: a page of 149 workspaces, more to follow',
      follows: WORKSPACES,
      body: {
        requestId: '75DD3695-77E0-5784-B8A6-C213A01781FE',
        success: true,
        code: '200',
        message: 'success',
        httpStatusCode: 200,
        maxResults: 100,
        nextToken: 'TbB1IsZUSR4iE',
        totalCount: 149,
        workspaces: [
          {
            workspaceId: 'ws-0759e7b7ea7f585b',
            workspaceName: 'default',
            region: 'cn-beijing',
            serviceSite: 'global',
            apiHost: 'llm-34o9ts1dai60z5sf.cn-beijing.maas.aliyuncs.com',
            gmtCreate: 1742785623772,
          },
        ],
      },
    },
    {
      case: 'the last page: no nextToken; a workspace with an empty name and no region or host',
      follows: WORKSPACES,
      body: {
        requestId: '75DD3695-77E0-5784-B8A6-C213A01781FF',
        success: true,
        code: '200',
        message: 'success',
        httpStatusCode: 200,
        maxResults: 100,
        totalCount: 149,
        workspaces: [{ workspaceId: 'ws-32klhjk2312334jkh', workspaceName: '', gmtCreate: 1742785623999 }],
      },
    },
    {
      case: 'an empty list with an empty nextToken',
      follows: WORKSPACES,
      body: { requestId: '75DD3695-77E0-5784-B8A6-C213A0178200', success: true, code: '200', message: 'success', httpStatusCode: 200, maxResults: 100, nextToken: '', totalCount: 0, workspaces: [] },
    },
  ],
  tolerated: [
    {
      case: 'code as a number, no message, an unknown field in a workspace',
      follows: WORKSPACES,
      body: {
        requestId: '75DD3695-77E0-5784-B8A6-C213A0178201',
        success: true,
        code: 200,
        totalCount: 1,
        workspaces: [{ workspaceId: 'ws-8af73c50f5596193', workspaceName: 'ws_test', region: 'ap-southeast-1', illustrative: { extra: true } }],
      },
    },
  ],
};

const KEY_LIST = `${KEYS} src/models/ListApiKeysResponseBody.ts`;

export const LIST_API_KEYS: ReferenceSet = {
  documented: [
    {
      case: 'the documented example: an active key with a custom scope (accessIps and accessibleModels illustrative)',
      follows: KEY_LIST,
      body: {
        requestId: 'E4C14AE6-E987-5C2F-9230-9960AB48F4F2',
        success: true,
        code: '200',
        message: 'success',
        httpStatusCode: 200,
        maxResults: 10,
        totalCount: 4,
        apiKeys: [
          {
            apiKeyId: 2965964,
            apiKeyValue: 'sk-ws-djI.8O7d*****2aICctnid4u4',
            description: 'test',
            createdBy: '1378030599924858',
            disabled: 0,
            gmtCreate: 1774338222000,
            workspaceId: 'ws-950f9aca7e76c816',
            auth: { type: 'Custom', accessIps: ['0.0.0.0/0'], modelAccessScope: { allowAllModels: false, accessibleModels: ['qwen-plus'] } },
          },
        ],
      },
    },
    {
      case: 'a disabled key with an empty description, no creator and no scope',
      follows: KEY_LIST,
      body: {
        requestId: 'E4C14AE6-E987-5C2F-9230-9960AB48F4F3',
        success: true,
        code: '200',
        message: 'success',
        httpStatusCode: 200,
        maxResults: 10,
        totalCount: 1,
        apiKeys: [{ apiKeyId: 3076140, apiKeyValue: 'sk-ws-abc.1234*****9f3c', description: '', disabled: 1, gmtCreate: 1774338000000, workspaceId: 'ws-950f9aca7e76c816' }],
      },
    },
    {
      case: 'an empty page that still carries a nextToken',
      follows: KEY_LIST,
      body: { requestId: 'E4C14AE6-E987-5C2F-9230-9960AB48F4F4', success: true, code: '200', message: 'success', httpStatusCode: 200, maxResults: 10, nextToken: 'lwytFRtLdNk=', totalCount: 0, apiKeys: [] },
    },
  ],
  tolerated: [
    {
      case: 'the id as text, disabled as a boolean, an unknown field',
      follows: KEY_LIST,
      body: {
        requestId: 'E4C14AE6-E987-5C2F-9230-9960AB48F4F5',
        success: true,
        code: '200',
        apiKeys: [{ apiKeyId: '3076141', apiKeyValue: 'sk-ws-def.5678*****0a1b', description: 'ci', disabled: true, gmtCreate: 1774338100000, workspaceId: 'ws-950f9aca7e76c816', lastUsedAt: 1774339000000 }],
      },
    },
  ],
};

export type KeyChange = 'DeleteApiKey' | 'DisableApiKey' | 'EnableApiKey';

/** Disable, enable and delete: the documented success answers, one per operation. */
export const KEY_CHANGES: Readonly<Record<KeyChange, ReferenceAnswer>> = {
  DeleteApiKey: {
    case: 'a key deleted',
    follows: `${KEYS} src/models/DeleteApiKeyResponseBody.ts`,
    body: { requestId: '099A671E-FA21-5A36-8A73-918572DDEF53', success: true, code: '200', message: 'ok', httpStatusCode: 200 },
  },
  DisableApiKey: {
    case: 'a key disabled',
    follows: `${KEYS} src/models/DisableApiKeyResponseBody.ts`,
    body: { requestId: '36045E0A-551D-592D-B1BC-4C56596CE59E', success: true, code: '200', message: 'success', httpStatusCode: 200 },
  },
  EnableApiKey: {
    case: 'a key enabled',
    follows: `${KEYS} src/models/EnableApiKeyResponseBody.ts`,
    body: { requestId: 'BB521414-5D38-5E66-AA66-963B2B4200E2', success: true, code: '200', message: 'ok', httpStatusCode: 200 },
  },
};

/**
 * Refusals sent with HTTP 200: the models carry `success`, `code` and `message`, and the SDK's core throws
 * only for HTTP 4xx/5xx, so a caller must read them itself. Codes and messages are illustrative.
 */
export const REFUSALS: readonly ReferenceAnswer[] = [
  {
    case: 'success false: the RAM user may not do this',
    follows: `${KEYS} src/models/DeleteApiKeyResponseBody.ts`,
    body: { requestId: '099A671E-FA21-5A36-8A73-918572DDEF54', success: false, code: 'Forbidden.RAM', message: 'The RAM user is not authorized to perform this action.', httpStatusCode: 403 },
  },
  {
    case: 'a code that is not "200", without success',
    follows: `${KEYS} src/models/DisableApiKeyResponseBody.ts`,
    body: { requestId: '36045E0A-551D-592D-B1BC-4C56596CE59F', code: 'ApiKey.StatusConflict', message: 'An API key that is already disabled cannot be disabled again.' },
  },
  {
    case: 'success true but an error code: the code wins',
    follows: `${KEYS} src/models/EnableApiKeyResponseBody.ts`,
    body: { requestId: 'BB521414-5D38-5E66-AA66-963B2B4200E3', success: true, code: 'InternalError', message: 'The request processing has failed due to some unknown error.' },
  },
];

const TREND = `${BILLING} src/models/GetBillingTrendResponseBody.ts`;

export const BILLING_TREND: ReferenceSet = {
  documented: [
    {
      case: 'the documented example by DAY, extended to two days that add up (the second day and "Others" illustrative)',
      follows: TREND,
      body: {
        requestId: '099A671E-FA21-5A36-8A73-918572DDEF53',
        success: true,
        code: '200',
        message: null,
        data: {
          costTotals: { amount: '100', currency: 'CNY', pretaxAmount: '94.34', taxAmount: '5.66' },
          groupByTotal: [
            { key: 'qwen-plus', name: 'qwen-plus', amount: '60', pretaxAmount: '56.60', taxAmount: '3.40' },
            { key: 'DIMENSION_GROUP_OTHERS_VALUE', name: 'Others', amount: '40', pretaxAmount: '37.74', taxAmount: '2.26' },
          ],
          resultByTime: [
            {
              period: '20260801',
              total: { amount: '30', currency: 'CNY', pretaxAmount: '28.30', taxAmount: '1.70' },
              periodDetails: [
                { key: 'qwen-plus', name: 'qwen-plus', amount: '20', percentage: '0.6667', pretaxAmount: '18.87', taxAmount: '1.13' },
                { key: 'DIMENSION_GROUP_OTHERS_VALUE', name: 'Others', amount: '10', percentage: '0.3333', pretaxAmount: '9.43', taxAmount: '0.57' },
              ],
            },
            {
              period: '20260802',
              total: { amount: '70', currency: 'CNY', pretaxAmount: '66.04', taxAmount: '3.96' },
              periodDetails: [
                { key: 'qwen-plus', name: 'qwen-plus', amount: '40', percentage: '0.5714', pretaxAmount: '37.74', taxAmount: '2.26' },
                { key: 'DIMENSION_GROUP_OTHERS_VALUE', name: 'Others', amount: '30', percentage: '0.4286', pretaxAmount: '28.30', taxAmount: '1.70' },
              ],
            },
          ],
        },
      },
    },
    {
      case: 'by MONTH: yyyyMM periods, the last one without spend (values illustrative)',
      follows: TREND,
      body: {
        requestId: '099A671E-FA21-5A36-8A73-918572DDEF55',
        success: true,
        code: '200',
        message: null,
        data: {
          costTotals: { amount: '31.5', currency: 'USD', pretaxAmount: '31.5', taxAmount: '0' },
          groupByTotal: [{ key: 'qwen3-max', name: 'qwen3-max', amount: '31.5', pretaxAmount: '31.5', taxAmount: '0' }],
          resultByTime: [
            { period: '202606', total: { amount: '10.25', currency: 'USD', pretaxAmount: '10.25', taxAmount: '0' }, periodDetails: [{ key: 'qwen3-max', name: 'qwen3-max', amount: '10.25', percentage: '1', pretaxAmount: '10.25', taxAmount: '0' }] },
            { period: '202607', total: { amount: '21.25', currency: 'USD', pretaxAmount: '21.25', taxAmount: '0' }, periodDetails: [{ key: 'qwen3-max', name: 'qwen3-max', amount: '21.25', percentage: '1', pretaxAmount: '21.25', taxAmount: '0' }] },
            { period: '202608', total: { amount: '0', currency: 'USD', pretaxAmount: '0', taxAmount: '0' }, periodDetails: [] },
          ],
        },
      },
    },
    {
      case: 'figures missing or empty: no costTotals, a period with details but no total, a period with nothing readable, an empty name',
      follows: TREND,
      body: {
        requestId: '099A671E-FA21-5A36-8A73-918572DDEF57',
        success: true,
        code: '200',
        message: '',
        data: {
          groupByTotal: [
            { key: 'qwen-plus', name: '', amount: '5.5', pretaxAmount: '', taxAmount: '' },
            { key: 'qwen-flash', name: 'qwen-flash', amount: '' },
          ],
          resultByTime: [
            { period: '20260801', periodDetails: [{ key: 'qwen-plus', name: '', amount: '3.5', percentage: '' }, { key: 'qwen-flash', name: 'qwen-flash', amount: '1' }] },
            { period: '20260802', total: { amount: '', currency: 'USD', pretaxAmount: '', taxAmount: '' }, periodDetails: [] },
            { period: '20260803', total: { amount: '2', currency: 'USD' } },
          ],
        },
      },
    },
  ],
  tolerated: [
    {
      case: 'numbers where text is documented, as an older answer might send: a plain number total; an unknown field',
      follows: TREND,
      body: {
        requestId: '099A671E-FA21-5A36-8A73-918572DDEF56',
        success: true,
        code: '200',
        data: {
          costTotals: { amount: 12.5, currency: 'USD' },
          groupByTotal: [{ key: '2965964', name: 'test', amount: 12.5 }],
          resultByTime: [
            { period: '20260801', total: 12.5, periodDetails: [{ key: '2965964', name: 'test', amount: 12.5 }] },
            { period: '20260802', total: { amount: 0, currency: 'USD' }, periodDetails: [] },
          ],
          queryId: 'illustrative',
        },
      },
    },
  ],
};

export const BILLING_OVERVIEW: ReferenceSet = {
  documented: [
    {
      case: 'the documented example (articleCodes illustrative)',
      follows: `${BILLING} src/models/GetBillingOverviewResponseBody.ts`,
      body: {
        requestId: 'BB521414-5D38-5E66-AA66-963B2B4200E2',
        success: true,
        code: '200',
        message: null,
        data: {
          currency: 'USD',
          totalAmount: '31228.60',
          pretaxAmount: '28729.32',
          taxAmount: '2499.28',
          groups: [{ key: 'inference', name: 'Model invocation', amount: '3000', percentage: '0.10', articleCodes: ['illustrative-article'] }],
        },
      },
    },
  ],
  tolerated: [],
};

/**
 * The documented request of GetBillingTrend on the wire (decoded): the complex parameters are JSON text
 * (the SDK's "shrink" fields), dates are yyyy-MM-dd, numbers and booleans are text.
 */
export const BILLING_TREND_REQUEST = {
  follows: `${BILLING} src/client.ts getBillingTrendWithOptions, src/models/GetBillingTrendRequest.ts, GetBillingTrendShrinkRequest.ts`,
  method: 'GET',
  path: '/modelstudio/billing/trend',
  /** Every query parameter the SDK can send. */
  names: ['filter', 'granularity', 'groupBy', 'locale', 'regionId', 'timePeriod', 'topNum', 'zeroFilter'],
  granularities: ['DAY', 'MONTH'],
  date: /^\d{4}-\d{2}-\d{2}$/,
  topNum: { min: 1, max: 20 },
} as const;

/** The documented requests of the key and workspace operations: method, path and the query names the SDK has. */
export const KEY_REQUESTS = {
  follows: `${KEYS} src/client.ts`,
  ListWorkspaces: { method: 'GET', path: /^\/modelstudio\/workspaces$/, names: ['maxResults', 'nextToken', 'workspaceId', 'workspaceName'] },
  ListApiKeys: { method: 'GET', path: /^\/modelstudio\/apikeys$/, names: ['apiKeyId', 'description', 'maxResults', 'nextToken', 'order', 'orderBy', 'workspaceId'] },
  DeleteApiKey: { method: 'DELETE', path: /^\/modelstudio\/apikeys\/[^/]+$/, names: [] },
  DisableApiKey: { method: 'PUT', path: /^\/modelstudio\/apikeys\/[^/]+\/disable$/, names: [] },
  EnableApiKey: { method: 'PUT', path: /^\/modelstudio\/apikeys\/[^/]+\/enable$/, names: [] },
} as const;

/** The SDK's endpoint map (regionId → host) in 2.1.0; 2.2.x drops ap-northeast-1, whose host its regional rule still gives. */
export const ENDPOINT_MAP = {
  follows: `${MODELSTUDIO_SDK} 2.1.0 and 2.2.1 src/client.ts constructor (_endpointMap, _endpointRule "regional")`,
  hosts: {
    'cn-beijing': 'modelstudio.cn-beijing.aliyuncs.com',
    'cn-hongkong': 'modelstudio.cn-hongkong.aliyuncs.com',
    'ap-southeast-1': 'modelstudio.ap-southeast-1.aliyuncs.com',
    'ap-northeast-1': 'modelstudio.ap-northeast-1.aliyuncs.com',
    'us-east-1': 'modelstudio.us-east-1.aliyuncs.com',
    'eu-central-1': 'modelstudio.eu-central-1.aliyuncs.com',
  } as Readonly<Record<string, string>>,
};
