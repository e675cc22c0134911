// Drives a running simulator through its control API, over real sockets (from tests in plain Node or
// inside the extension host).
import type { RequestRecord } from './state';
import type { SimulatorControl } from './simulator';

export class SimulatorClient {
  constructor(readonly url: string) {}

  private async post(path: string, body: unknown): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) {
      throw new Error(`simulator control ${path} answered ${response.status}`);
    }
    return (await response.json()) as Record<string, unknown>;
  }

  set(control: SimulatorControl): Promise<Record<string, unknown>> {
    return this.post('/__control/state', control);
  }

  reset(): Promise<Record<string, unknown>> {
    return this.post('/__control/reset', {});
  }

  async now(): Promise<number> {
    return Number((await this.post('/__control/state', {})).now);
  }

  async requests(): Promise<RequestRecord[]> {
    const response = await fetch(`${this.url}/__control/requests`);
    return ((await response.json()) as { requests: RequestRecord[] }).requests;
  }
}
