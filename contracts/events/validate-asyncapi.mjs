// Parses contracts/events/asyncapi.yaml with @asyncapi/parser (pinned in contracts/package.json),
// resolving the payload refs to the schema files beside it, and checks that it says what
// libs/messaging's EventTopology declares. Exits non-zero on any error or warning: a warning
// here is a document that a tool or a reader would take wrongly (an unused message, a
// reference that does not resolve, an unknown binding field).
//   node contracts/events/validate-asyncapi.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Parser, fromFile, DiagnosticSeverity } = require('@asyncapi/parser');

const here = dirname(fileURLToPath(import.meta.url));
// the repo root; a copy elsewhere (scripts/contracts.sh's break-a-copy check) is told it
const root = process.env.BAZAAR_ROOT ?? resolve(here, '../..');
const documentPath = join(here, 'asyncapi.yaml');
const problems = [];

const { document, diagnostics } = await fromFile(new Parser(), documentPath).parse();
for (const d of diagnostics) {
  if (d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning) {
    const level = d.severity === DiagnosticSeverity.Error ? 'error' : 'warning';
    problems.push(`${level} ${d.code} at ${d.path.join('.')}: ${d.message}`);
  }
}

if (document) {
  // The topology as code: EventType.of("routing.key", "producer", "consumer", ...)
  const topologySource = readFileSync(
    join(root, 'libs/messaging/src/main/java/dev/bazaar/messaging/topology/EventTopology.java'), 'utf8');
  const topology = [...topologySource.matchAll(/EventType\.of\(([^)]*)\)/g)]
    .map((m) => [...m[1].matchAll(/"([^"]+)"/g)].map((s) => s[1]))
    .filter((args) => args.length >= 2)
    .map(([routingKey, producer, ...consumers]) => ({ routingKey, producer, consumers }));
  if (topology.length === 0) {
    problems.push('found no EventType.of(...) in EventTopology.java to check the document against');
  }

  const channels = new Map(document.channels().all().map((c) => [c.id(), c]));
  const schemaFiles = new Set(readdirSync(here).filter((f) => f.endsWith('.schema.json')));
  const expectedQueues = new Set(['bazaar.unrouted']);
  for (const { routingKey, producer, consumers } of topology) {
    const channel = channels.get(routingKey);
    if (!channel) {
      problems.push(`no channel for ${routingKey} (EventTopology lists it)`);
      continue;
    }
    if (channel.address() !== routingKey) {
      problems.push(`channel ${routingKey} has address ${channel.address()}`);
    }
    const binding = channel.bindings().get('amqp')?.value() ?? {};
    if (binding.is !== 'routingKey' || binding.exchange?.name !== 'bazaar.events' || binding.exchange?.type !== 'topic') {
      problems.push(`channel ${routingKey} is not a routing key of the topic exchange bazaar.events`);
    }
    if (!schemaFiles.delete(`${routingKey}.schema.json`)) {
      problems.push(`no schema file ${routingKey}.schema.json`);
    }
    const message = channel.messages().all().find((m) => m.id() === routingKey);
    if (!message?.hasPayload() || message.payload().type() !== 'object') {
      problems.push(`the message of ${routingKey} has no resolved object payload`);
    }
    const sends = channel.operations().all().filter((o) => o.action() === 'send');
    if (sends.length !== 1) {
      problems.push(`${routingKey}: ${sends.length} send operations, expected one (by ${producer}-service)`);
    }
    const queues = consumers.length === 0 ? ['bazaar.unrouted'] : consumers.flatMap((c) => [`${c}.${routingKey}`, `${c}.${routingKey}.dlq`]);
    for (const queue of queues) {
      expectedQueues.add(queue);
      const q = channels.get(queue);
      if (!q) {
        problems.push(`no channel for the queue ${queue} of ${routingKey}`);
      } else if (!q.messages().all().some((m) => m.id() === routingKey)) {
        problems.push(`the queue ${queue} does not carry ${routingKey}`);
      }
    }
  }
  for (const [id, channel] of channels) {
    const binding = channel.bindings().get('amqp')?.value() ?? {};
    if (binding.is === 'queue' && !expectedQueues.has(id)) {
      problems.push(`queue ${id} is not in EventTopology`);
    }
  }
  for (const stray of schemaFiles) {
    problems.push(`schema ${stray} has no event type in EventTopology`);
  }
}

if (problems.length > 0) {
  console.error(`contracts/events/asyncapi.yaml:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`events: asyncapi.yaml parses clean (AsyncAPI ${document.version()}, ${document.channels().length} channels) and matches EventTopology`);
