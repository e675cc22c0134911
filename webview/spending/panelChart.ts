// The panel's one Chart.js chart: drawn on the canvas the content rendered (spending or model usage),
// restyled with the theme, and copied as an image.
import * as l10n from '@vscode/l10n';
import { countFormat, moneyFormat, SpendingChart } from './chart';
import { channel, model, update } from './state';
import { usageMetric, usageSeries } from './usageView';

const chart = new SpendingChart();

/** Called after each render: draws on the `#chart` canvas when the content has one, else lets the chart go. */
export function drawChart(): void {
  const canvas = document.getElementById('chart');
  if (canvas instanceof HTMLCanvasElement && model.content?.kind === 'chart') {
    chart.show(canvas, model.content.series, moneyFormat(model.content.series.currency));
  } else if (canvas instanceof HTMLCanvasElement && model.content?.kind === 'usage') {
    chart.show(canvas, usageSeries(model.content.usage, usageMetric(model.content.usage.reported.calls)), countFormat());
  } else {
    chart.destroy();
  }
}

/** New theme, new colours. */
export function restyleChart(): void {
  chart.restyle();
}

/** The chart on the clipboard, or, where the host refuses images there, a save dialog for it. */
export async function copyChart(): Promise<void> {
  const png = await chart.toPng();
  if (!png) {
    return;
  }
  try {
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
    model.notice = { level: 'info', message: l10n.t('Copied the chart to the clipboard.') };
    update();
  } catch {
    // Some hosts keep images off the clipboard: offer to save the picture instead.
    const reader = new FileReader();
    reader.onload = () => {
      if (typeof reader.result === 'string') {
        channel.post({ type: 'saveChartImage', dataUrl: reader.result });
      }
    };
    reader.readAsDataURL(png);
    model.notice = { level: 'info', message: l10n.t('The clipboard does not take images here; choose where to save the chart instead.') };
    update();
  }
}
