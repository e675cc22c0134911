// The OpenAPI hosts for each Alibaba Cloud site. Kept apart from the clients so the extension bundle can
// use them without pulling in the network bundle.

export type Site = 'international' | 'china';

export interface OpenApiEndpoints {
  readonly modelStudio: string;
  readonly bss: string;
}

export function defaultEndpoints(site: Site): OpenApiEndpoints {
  return site === 'china'
    ? { modelStudio: 'https://modelstudio.cn-beijing.aliyuncs.com', bss: 'https://business.aliyuncs.com' }
    : { modelStudio: 'https://modelstudio.ap-southeast-1.aliyuncs.com', bss: 'https://business.ap-southeast-1.aliyuncs.com' };
}
