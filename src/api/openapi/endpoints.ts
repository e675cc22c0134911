// The OpenAPI hosts for each Alibaba Cloud site. Kept apart from the clients so the extension bundle can
// use them without pulling in the network bundle.

export type Site = 'international' | 'china';

export interface OpenApiEndpoints {
  /** The ModelStudio host the billing is read from (the site's main region), and the keys' host when `modelStudioRegions` is absent. */
  readonly modelStudio: string;
  /**
   * ModelStudio's base URL per region, in the order they are queried: workspaces and API keys live in a
   * region, so each one is listed there. Absent: the site's regions when `modelStudio` is a site's default
   * host, otherwise `modelStudio` alone (a proxy, the simulator).
   */
  readonly modelStudioRegions?: Readonly<Record<string, string>>;
  readonly bss: string;
}

/**
 * The regions each site's accounts use ModelStudio in: the SDK's endpoint map, split by site. The map's
 * 2.2 release drops ap-northeast-1, but its regional rule still gives this same host for it.
 */
export const MODEL_STUDIO_REGIONS: Readonly<Record<Site, readonly string[]>> = {
  international: ['ap-southeast-1', 'us-east-1', 'eu-central-1', 'cn-hongkong', 'ap-northeast-1'],
  china: ['cn-beijing'],
};

export const modelStudioHost = (region: string): string => `https://modelstudio.${region}.aliyuncs.com`;

export function defaultEndpoints(site: Site): OpenApiEndpoints {
  const regions = Object.fromEntries(MODEL_STUDIO_REGIONS[site].map((r) => [r, modelStudioHost(r)]));
  return site === 'china'
    ? { modelStudio: modelStudioHost('cn-beijing'), modelStudioRegions: regions, bss: 'https://business.aliyuncs.com' }
    : { modelStudio: modelStudioHost('ap-southeast-1'), modelStudioRegions: regions, bss: 'https://business.ap-southeast-1.aliyuncs.com' };
}

export interface RegionEndpoint {
  /** The region id ("us-east-1"); empty when a custom host does not say. */
  readonly region: string;
  readonly url: string;
}

/** The ModelStudio hosts to list workspaces and keys from, region by region. */
export function modelStudioRegions(endpoints: OpenApiEndpoints): readonly RegionEndpoint[] {
  if (endpoints.modelStudioRegions && Object.keys(endpoints.modelStudioRegions).length > 0) {
    return Object.entries(endpoints.modelStudioRegions).map(([region, url]) => ({ region, url }));
  }
  // Callers that pass only a host pass the site's default one unless a setting overrides it.
  for (const site of ['international', 'china'] as const) {
    const byDefault = defaultEndpoints(site);
    if (endpoints.modelStudio === byDefault.modelStudio && byDefault.modelStudioRegions) {
      return modelStudioRegions(byDefault);
    }
  }
  return [{ region: regionOfHost(endpoints.modelStudio) ?? '', url: endpoints.modelStudio }];
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

/** The region a ModelStudio host is in ("modelstudio.us-east-1.aliyuncs.com" → "us-east-1"). */
export function regionOfHost(url: string): string | undefined {
  return /^modelstudio\.([a-z0-9-]+)\.aliyuncs\.com$/.exec(hostOf(url) ?? '')?.[1];
}

/** The site a ModelStudio or BssOpenApi host belongs to; undefined for any other host. */
export function siteOfHost(url: string): Site | undefined {
  const host = hostOf(url);
  if (host === 'business.aliyuncs.com') {
    return 'china';
  }
  if (host === 'business.ap-southeast-1.aliyuncs.com') {
    return 'international';
  }
  const region = regionOfHost(url);
  if (region === undefined) {
    return undefined;
  }
  return MODEL_STUDIO_REGIONS.china.includes(region) ? 'china' : 'international';
}
