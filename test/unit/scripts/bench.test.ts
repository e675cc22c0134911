// The benchmark's table builder and its request arithmetic (the figures themselves are measured by
// `npm run bench`, never asserted here).
import * as assert from 'node:assert/strict';
import { median } from '../../../scripts/bench/measure';
import { countRequests, describeRoutes, perHour } from '../../../scripts/bench/requestCount';
import { formatMarkdown, formatTable, README_END, README_START, replaceReadmeTable, type TableRow } from '../../../scripts/bench/table';

const ROWS: TableRow[] = [
  { bench: 'bundle size', metric: 'dist/extension.js, raw / gzipped', value: '225.3 / 61.2', unit: 'KiB', command: 'node esbuild.mjs --production' },
  { bench: 'cost scanner', metric: 'CLI / ripgrep', value: 1.42, unit: '×', command: 'goal: within 1.5×' },
  { bench: 'quota meter', metric: 'samples kept | per window', value: '31, 120, 120', unit: '', command: 'node out/scripts/benchMeter.js' },
];

describe('benchmark table', () => {
  it('aligns every column and names each row\'s command', () => {
    const lines = formatTable(ROWS).split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0]!, /^bench\s+metric\s+value\s+command$/);
    // The value column is right-aligned: every value ends where the header's does.
    const valueEnd = lines[0]!.indexOf('value') + 'value'.length;
    const ends = lines.slice(1).map((l, i) => {
      const r = ROWS[i]!;
      const text = r.unit ? `${r.value} ${r.unit}` : String(r.value);
      return l.indexOf(text) + text.length;
    });
    const width = Math.max(...ends);
    assert.ok(ends.every((e) => e === width), `value columns end at ${ends.join(', ')}`);
    assert.ok(width >= valueEnd);
    assert.ok(lines[1]!.endsWith('node esbuild.mjs --production'));
    assert.ok(lines[3]!.includes('31, 120, 120  node out/scripts/benchMeter.js'), 'a value without a unit has no trailing space');
  });

  it('writes Markdown with escaped pipes and commands in code spans', () => {
    const md = formatMarkdown(ROWS).split('\n');
    assert.equal(md[0], '| bench | metric | value | command |');
    assert.equal(md[1], '| --- | --- | ---: | --- |');
    assert.equal(md[2], '| bundle size | dist/extension.js, raw / gzipped | 225.3 / 61.2 KiB | `node esbuild.mjs --production` |');
    assert.ok(md[4]!.includes('samples kept \\| per window'), md[4]);
    assert.equal(md.length, 2 + ROWS.length);
  });

  it('replaces only the table between the README markers, and refuses a README without them', () => {
    const readme = `# X\n\n## Performance\n\n${README_START}\nold table\n${README_END}\n\n## Next\nkept\n`;
    const updated = replaceReadmeTable(readme, 'new table');
    assert.equal(updated, `# X\n\n## Performance\n\n${README_START}\nnew table\n${README_END}\n\n## Next\nkept\n`);
    assert.equal(replaceReadmeTable(updated, 'newer'), `# X\n\n## Performance\n\n${README_START}\nnewer\n${README_END}\n\n## Next\nkept\n`);
    assert.throws(() => replaceReadmeTable('# X\n', 'table'), /needs the markers/);
    assert.throws(() => replaceReadmeTable(`${README_END}\n${README_START}`, 'table'), /needs the markers/);
  });
});

describe('benchmark arithmetic', () => {
  it('takes the median of odd and even counts', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(median([])));
  });

  it('counts the extension\'s requests in a time window, not the control API or the sign-in page', () => {
    const records = [
      { at: 999, route: 'gateway:codingPlan', status: 200 },
      { at: 1000, route: 'gateway:codingPlan', status: 200 },
      { at: 1500, route: 'control:requests', status: 200 },
      { at: 1600, route: 'page:device', status: 200 },
      { at: 1700, route: 'openapi:ListApiKeys', status: 200 },
      { at: 1800, route: 'gateway:codingPlan', status: 503 },
      { at: 2000, route: 'gateway:codingPlan', status: 200 },
    ];
    const { total, byRoute } = countRequests(records, 1000, 2000);
    assert.equal(total, 3);
    assert.deepEqual([...byRoute], [['gateway:codingPlan', 2], ['openapi:ListApiKeys', 1]]);
    assert.equal(describeRoutes(byRoute), 'codingPlan 2, ListApiKeys 1');
    assert.equal(describeRoutes(new Map()), 'none');
  });

  it('scales a count at the shortest interval to an hour at another interval', () => {
    // 10 requests in 5 minutes at a 1-minute interval: 120 an hour; at 5 minutes, a fifth of that.
    assert.equal(perHour(10, 5, 1, 1), 120);
    assert.equal(perHour(10, 5, 1, 5), 24);
    assert.equal(perHour(0, 5, 1, 5), 0);
    assert.equal(perHour(7, 3, 1, 5), 28);
  });
});
