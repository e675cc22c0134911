// A one-page PDF invoice for an order: the demo account's invoices (and the simulator's) are real
// documents that open in any PDF reader.
import type { Order } from '../../core/account/model';

/** Text inside a PDF string literal: backslashes and parentheses escaped, printable ASCII only. */
function pdfText(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`);
}

export function invoicePdf(order: Pick<Order, 'id' | 'plan' | 'createdAt' | 'amount'>, issuer: string): Uint8Array {
  const lines = [
    `${issuer} - Invoice`,
    `Order ${order.id}`,
    `Date ${new Date(order.createdAt).toISOString().slice(0, 10)}`,
    `${order.plan}: ${order.amount ? `${order.amount.amount.toFixed(2)} ${order.amount.currency}` : 'amount unavailable'}`,
  ];
  const stream = lines.map((line, i) => `BT /F1 ${i === 0 ? 16 : 12} Tf 72 ${720 - i * 24} Td (${pdfText(line)}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
