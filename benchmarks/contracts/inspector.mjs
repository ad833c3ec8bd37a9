// graphql-inspector's verdict on each pair folder (old.graphql, new.graphql) under the folder given: one JSON line per
// pair, {"pair", "verdict": "breaking"|"dangerous"|"safe"|"none", "changes": [{"level", "message"}]}.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(join(process.argv[3], 'package.json'));
const { buildSchema } = require('graphql');
const { diff } = await import(require.resolve('@graphql-inspector/core'));
const levels = { BREAKING: 'breaking', DANGEROUS: 'dangerous', NON_BREAKING: 'safe' };
const order = ['none', 'safe', 'dangerous', 'breaking'];
for (const pair of readdirSync(process.argv[2]).sort()) {
  const read = f => buildSchema(readFileSync(join(process.argv[2], pair, f), 'utf8'));
  const changes = (await diff(read('old.graphql'), read('new.graphql'))).map(c => ({ level: levels[c.criticality.level], message: c.message }));
  const verdict = changes.reduce((worst, c) => order.indexOf(c.level) > order.indexOf(worst) ? c.level : worst, 'none');
  console.log(JSON.stringify({ pair, verdict, changes }));
}
