// graphql-inspector's verdict on each pair of the GraphQL corpus (tests/Fixtures/Contracts/graphql-pairs.json: a base
// schema, and per pair edits replacing the first occurrence of a text, or a whole schema): one JSON line per pair,
// {"pair", "verdict": "breaking"|"dangerous"|"safe"|"none", "changes": [{"level", "message"}]}.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(join(process.argv[3], 'package.json'));
const { buildSchema } = require('graphql');
const { diff } = await import(require.resolve('@graphql-inspector/core'));
const levels = { BREAKING: 'breaking', DANGEROUS: 'dangerous', NON_BREAKING: 'safe' };
const order = ['none', 'safe', 'dangerous', 'breaking'];
const corpus = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const apply = edits => edits.reduce((text, e) => {
  const at = text.indexOf(e.replace);
  if (at < 0) throw new Error(`the corpus edit '${e.replace}' is not in the schema`);
  return text.slice(0, at) + e.with + text.slice(at + e.replace.length);
}, corpus.base);
for (const { name: pair, schema, edits } of corpus.pairs) {
  const changes = (await diff(buildSchema(corpus.base), buildSchema(schema ?? apply(edits))))
    .map(c => ({ level: levels[c.criticality.level], message: c.message }));
  const verdict = changes.reduce((worst, c) => order.indexOf(c.level) > order.indexOf(worst) ? c.level : worst, 'none');
  console.log(JSON.stringify({ pair, verdict, changes }));
}
