// Joins Spicetime's and graphql-inspector's verdicts (JSON lines) per pair and prints the agreement table (Markdown).
import { readFileSync } from 'node:fs';
const read = f => Object.fromEntries(readFileSync(f, 'utf8').trim().split('\n').map(l => JSON.parse(l)).map(v => [v.pair, v]));
const spicetime = read(process.argv[2]);
const inspector = read(process.argv[3]);
let agree = 0;
console.log('| pair | Spicetime | graphql-inspector | agree |');
console.log('| --- | --- | --- | --- |');
for (const pair of Object.keys(spicetime).sort()) {
  const s = spicetime[pair].verdict, i = inspector[pair]?.verdict ?? '(missing)';
  if (s === i) agree++;
  console.log(`| ${pair} | ${s} | ${i} | ${s === i ? 'yes' : '**no**'} |`);
}
console.log(`\n${agree} of ${Object.keys(spicetime).length} pairs agree.`);
for (const pair of Object.keys(spicetime).sort().filter(p => spicetime[p].verdict !== inspector[p]?.verdict)) {
  console.log(`\n${pair}:\n  Spicetime: ${spicetime[pair].changes.map(c => `${c.level} ${c.message}`).join('; ') || '(none)'}\n  graphql-inspector: ${(inspector[pair]?.changes ?? []).map(c => `${c.level} ${c.message}`).join('; ') || '(none)'}`);
}
